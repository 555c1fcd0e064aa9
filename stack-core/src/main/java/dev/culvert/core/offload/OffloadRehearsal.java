package dev.culvert.core.offload;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.nio.ByteBuffer;

/**
 * Cuts made-up TCP super-packets into segments and joins the segments again, with a splitter and
 * a coalescer of its own, so that HotSpot has compiled the per-segment work (the cut, the
 * checksums, the joining rules) before the first bulk transfer through a TUN device needs it: run
 * interpreted, that work is what holds a fresh node's first seconds of a transfer to a fraction of
 * its later rate. Nothing here touches a device, a live counter or a live pool.
 */
public final class OffloadRehearsal {
    /** The bytes of TCP payload in each made-up super-packet, 46 segments of {@link #SEGMENT}. */
    static final int PAYLOAD = 46 * 1388;
    static final int SEGMENT = 1388;
    private static final int TCP = 6;

    private final ByteBuffer[] superPackets = {superPacket(true), superPacket(false)};
    private final SuperPacketSplitter splitter = new SuperPacketSplitter(new OffloadDrops());
    private final TcpCoalescer coalescer = new TcpCoalescer();
    private final PacketPool pool = new PacketPool("offload-rehearsal", PacketBatch.DEFAULT_CAPACITY);
    private final PacketBatch batch = new PacketBatch();

    /**
     * Cuts and joins {@code rounds} super-packets, IPv4 and IPv6 in turn; returns how many came back
     * joined whole, each as long as it went in (all of them, unless the offload code is broken).
     */
    public int run(int rounds) {
        int whole = 0;
        for (int round = 0; round < rounds; round++) {
            ByteBuffer superPacket = superPackets[round & 1];
            if (cutAndJoin(superPacket) == superPacket.limit()) {
                whole++;
            }
        }
        return whole;
    }

    /** The length the coalescer's super-packet came to, header included, or -1 if the segments did not all join. */
    private int cutAndJoin(ByteBuffer superPacket) {
        int joined = -1;
        if (splitter.load(superPacket, 0, VirtioNetHeader.SIZE, superPacket.limit() - VirtioNetHeader.SIZE)) {
            boolean all = true;
            while (splitter.pending()) {
                splitter.emit(batch, pool);
                for (int i = 0; i < batch.size(); i++) {
                    Packet segment = batch.get(i);
                    all &= coalescer.holding() ? coalescer.append(segment) : coalescer.start(segment);
                }
                batch.releaseAll();
            }
            int length = coalescer.holding() ? coalescer.finish() : -1;
            joined = all ? length : -1;
        }
        return joined;
    }

    /**
     * What a device with TSO hands over: a virtio header asking for a cut into {@link #SEGMENT}-byte
     * segments and a checksum, then one TCP packet (ACK set) of {@link #PAYLOAD} bytes whose checksum
     * field holds the pseudo-header's sum, as the kernel leaves it.
     */
    static ByteBuffer superPacket(boolean ipv4) {
        int ipHeader = ipv4 ? 20 : 40;
        int headers = ipHeader + 20;
        int length = headers + PAYLOAD;
        ByteBuffer b = ByteBuffer.allocateDirect(VirtioNetHeader.SIZE + length);
        int at = VirtioNetHeader.SIZE;
        long pseudo;
        if (ipv4) {
            b.put(at, (byte) 0x45);
            b.putShort(at + 2, (short) length);
            b.putShort(at + 6, (short) 0x4000); // DF, as TCP sends
            b.put(at + 8, (byte) 64);
            b.put(at + 9, (byte) TCP);
            b.putInt(at + 12, 0x0a080002);
            b.putInt(at + 16, 0x0a080001);
            b.putShort(at + 10, (short) InternetChecksum.finish(InternetChecksum.add(0, b, at, ipHeader)));
            pseudo = InternetChecksum.ipv4PseudoHeader(0x0a080002, 0x0a080001, TCP, length - ipHeader);
        } else {
            b.putInt(at, 0x60000000);
            b.putShort(at + 4, (short) (length - ipHeader));
            b.put(at + 6, (byte) TCP);
            b.put(at + 7, (byte) 64);
            b.putLong(at + 8, 0xfd00000000000000L);
            b.putLong(at + 16, 2);
            b.putLong(at + 24, 0xfd00000000000000L);
            b.putLong(at + 32, 1);
            pseudo = InternetChecksum.ipv6PseudoHeader(0xfd00000000000000L, 2, 0xfd00000000000000L, 1, TCP, length - ipHeader);
        }
        int t = at + ipHeader;
        b.putShort(t, (short) 40000);
        b.putShort(t + 2, (short) 5201);
        b.putInt(t + 4, 1);
        b.putInt(t + 8, 1);
        b.put(t + 12, (byte) 0x50);
        b.put(t + 13, (byte) 0x10); // ACK
        b.putShort(t + 14, (short) 0xffff);
        b.putShort(t + 16, (short) InternetChecksum.fold(pseudo));
        for (int i = at + headers; i < at + length; i++) {
            b.put(i, (byte) (i * 31));
        }
        VirtioNetHeader.put(b, 0, VirtioNetHeader.FLAG_NEEDS_CSUM, ipv4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6,
                headers, SEGMENT, ipHeader, 16);
        return b;
    }
}
