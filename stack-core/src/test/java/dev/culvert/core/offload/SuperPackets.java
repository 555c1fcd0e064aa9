package dev.culvert.core.offload;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.packet.Packet;
import java.nio.ByteBuffer;

/**
 * Builds what a TUN device with offloads hands over, for the tests: a virtio header at 0, then an
 * IPv4 or IPv6 packet carrying TCP or UDP, its payload bytes {@code (byte) (i * 7 + 3)}.
 */
final class SuperPackets {
    static final int TCP = 6;
    static final int UDP = 17;
    static final int SEQUENCE = 0xfffff000; // wraps within a 64 KiB super-packet
    static final int IP_ID = 0xfffe;        // wraps too

    private SuperPackets() {
    }

    static byte payloadByte(int i) {
        return (byte) (i * 7 + 3);
    }

    /**
     * A super-packet: returns the buffer, the IP packet's length in {@code limit - SIZE}. TCP flags
     * as given; TCP header with {@code tcpOptions} bytes of options (a multiple of 4).
     */
    static ByteBuffer build(boolean ipv4, int protocol, int payload, int gsoType, int gsoSize, int tcpFlags, int tcpOptions) {
        int ipHeader = ipv4 ? 20 : 40;
        int transportHeader = protocol == TCP ? 20 + tcpOptions : 8;
        int length = ipHeader + transportHeader + payload;
        ByteBuffer b = ByteBuffer.allocateDirect(VirtioNetHeader.SIZE + length);
        int at = VirtioNetHeader.SIZE;
        if (ipv4) {
            b.put(at, (byte) 0x45);
            b.putShort(at + 2, (short) length);
            b.putShort(at + 4, (short) IP_ID);
            b.putShort(at + 6, (short) 0x4000); // DF
            b.put(at + 8, (byte) 64);
            b.put(at + 9, (byte) protocol);
            b.putInt(at + 12, 0x0a080002);
            b.putInt(at + 16, 0x0a080001);
        } else {
            b.putInt(at, 0x60000000);
            b.putShort(at + 4, (short) (length - 40));
            b.put(at + 6, (byte) protocol);
            b.put(at + 7, (byte) 64);
            b.putLong(at + 8, 0x20010db800000000L);
            b.putLong(at + 16, 2);
            b.putLong(at + 24, 0x20010db800000000L);
            b.putLong(at + 32, 1);
        }
        int t = at + ipHeader;
        b.putShort(t, (short) 40000);
        b.putShort(t + 2, (short) 5201);
        if (protocol == TCP) {
            b.putInt(t + 4, SEQUENCE);
            b.putInt(t + 8, 0x12345678);
            b.put(t + 12, (byte) (((20 + tcpOptions) / 4) << 4));
            b.put(t + 13, (byte) tcpFlags);
            b.putShort(t + 14, (short) 64240);
            for (int i = 0; i < tcpOptions; i++) {
                b.put(t + 20 + i, (byte) 1); // NOP
            }
        } else {
            b.putShort(t + 4, (short) (8 + payload));
        }
        for (int i = 0; i < payload; i++) {
            b.put(t + transportHeader + i, payloadByte(i));
        }
        int checksumOffset = protocol == TCP ? 16 : 6;
        int flags = gsoType == VirtioNetHeader.GSO_NONE && gsoSize == 0 ? 0 : VirtioNetHeader.FLAG_NEEDS_CSUM;
        VirtioNetHeader.put(b, 0, flags, gsoType, ipHeader + transportHeader, gsoSize, ipHeader, checksumOffset);
        return b;
    }

    /** Leaves in the checksum field what the kernel leaves with NEEDS_CSUM: the pseudo-header's folded sum. */
    static void putPartialChecksum(ByteBuffer b, boolean ipv4, int protocol) {
        int at = VirtioNetHeader.SIZE;
        int ipHeader = ipv4 ? 20 : 40;
        int transportLength = b.capacity() - at - ipHeader;
        long sum = ipv4
                ? InternetChecksum.ipv4PseudoHeader(b.getInt(at + 12), b.getInt(at + 16), protocol, transportLength)
                : InternetChecksum.ipv6PseudoHeader(b.getLong(at + 8), b.getLong(at + 16), b.getLong(at + 24), b.getLong(at + 32), protocol,
                        transportLength);
        b.putShort(at + ipHeader + (protocol == TCP ? 16 : 6), (short) InternetChecksum.fold(sum));
    }

    /** Whether a packet's transport checksum verifies against its pseudo-header. */
    static boolean transportChecksumVerifies(Packet p) {
        boolean ipv4 = p.getUnsignedByte(0) >>> 4 == 4;
        int ipHeader = ipv4 ? (p.getUnsignedByte(0) & 15) * 4 : 40;
        int protocol = ipv4 ? p.getUnsignedByte(9) : p.getUnsignedByte(6);
        int transportLength = p.length() - ipHeader;
        long sum = InternetChecksum.pseudoHeader(p, protocol, transportLength);
        return InternetChecksum.fold(InternetChecksum.add(sum, p, ipHeader, transportLength)) == 0xffff;
    }
}
