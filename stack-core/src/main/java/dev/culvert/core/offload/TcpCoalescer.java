package dev.culvert.core.offload;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.packet.Packet;
import java.nio.ByteBuffer;

/**
 * Joins consecutive segments of one TCP stream into a super-packet for a TUN device with a
 * virtio header, as a NIC's receive offload (GRO) does, so that the kernel's TCP takes the burst
 * once instead of segment by segment. The result carries {@code gso_type} TCPV4 or TCPV6, the
 * first segment's payload size as {@code gso_size}, and the pseudo-header sum in the checksum
 * field for the kernel ({@code NEEDS_CSUM}): were it forwarded on, it would be cut back into the
 * same segments.
 *
 * <p>Only what the kernel's own GRO would join is joined: segments in sequence, each ACK alone or
 * ACK with PSH, with a payload no larger than the first's (a smaller one, or PSH, ends the
 * super-packet), headers identical but for lengths, sequence, IPv4 identification, flags and
 * checksums, IPv4 with DF and no options, IPv6 without extension headers, at most 64 KiB in all.
 * Each segment's TCP checksum is verified before it joins: the super-packet's is the kernel's to
 * trust, so a segment that arrived corrupt must not be made to look whole; it is passed on alone,
 * for the kernel to refuse and count.
 *
 * <p>One per TUN queue, used by its worker only: {@link #start} or {@link #append} copy a segment
 * in (the caller releases its packet), {@link #finish} gives what to write.
 */
public final class TcpCoalescer {
    private static final int TCP = 6;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final int IPV4_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int LARGEST = 65535;

    private final ByteBuffer out = ByteBuffer.allocateDirect(VirtioNetHeader.SIZE + LARGEST);
    /** IP packet bytes held, from {@link VirtioNetHeader#SIZE}. */
    private int length;
    private int count;
    private boolean open;
    private boolean ipv4;
    private int ipHeader;
    private int headers;
    private int segmentSize;
    private int nextSequence;
    private boolean pushed;

    /** Whether a super-packet is being built: {@link #finish} must be called before anything else is written. */
    public boolean holding() {
        return count > 0;
    }

    /** Segments in the super-packet held. */
    public int count() {
        return count;
    }

    /** The buffer {@link #finish} fills, from index 0 (the virtio header). */
    public ByteBuffer buffer() {
        return out;
    }

    /**
     * Starts a super-packet with this packet if it can head one; true when it was copied in.
     * Nothing may be held.
     */
    public boolean start(Packet p) {
        if (count != 0) {
            throw new IllegalStateException("finish the super-packet held first");
        }
        int len = p.length();
        if (len < IPV4_HEADER) {
            return false;
        }
        int version = p.getUnsignedByte(0) >>> 4;
        int ip;
        if (version == 4) {
            if (p.getUnsignedByte(0) != 0x45 || p.getUnsignedShort(2) != len || (p.getUnsignedShort(6) & 0xbfff) != 0
                    || (p.getUnsignedShort(6) & 0x4000) == 0 || p.getUnsignedByte(9) != TCP) {
                return false; // options, a fragment, no DF or not TCP
            }
            ip = IPV4_HEADER;
        } else if (version == 6) {
            if (len < IPV6_HEADER || p.getUnsignedShort(4) + IPV6_HEADER != len || p.getUnsignedByte(6) != TCP) {
                return false;
            }
            ip = IPV6_HEADER;
        } else {
            return false;
        }
        if (len < ip + 20) {
            return false;
        }
        int tcpHeader = (p.getUnsignedByte(ip + 12) >>> 4) * 4;
        int flags = p.getUnsignedByte(ip + 13);
        if (tcpHeader < 20 || ip + tcpHeader >= len || (flags & ~(ACK | PSH)) != 0 || (flags & ACK) == 0 || !checksumVerifies(p, ip)) {
            return false;
        }
        ipv4 = version == 4;
        ipHeader = ip;
        headers = ip + tcpHeader;
        segmentSize = len - headers;
        nextSequence = p.getInt(ip + 4) + segmentSize;
        pushed = (flags & PSH) != 0;
        open = !pushed;
        out.put(VirtioNetHeader.SIZE, p.buffer(), p.offset(), len);
        length = len;
        count = 1;
        return true;
    }

    /** Adds the packet to the super-packet held if it continues it; true when its payload was copied in. */
    public boolean append(Packet p) {
        if (!open) {
            return false;
        }
        int len = p.length();
        int payload = len - headers;
        if (payload <= 0 || payload > segmentSize || length + payload > LARGEST) {
            return false;
        }
        // The headers must match the first's byte for byte, but for what each segment has of its own.
        int at = VirtioNetHeader.SIZE;
        if (ipv4) {
            if (!same(p, at, 0, 2) || p.getUnsignedShort(2) != len || !same(p, at, 6, 4) || !same(p, at, 12, 8)) {
                return false;
            }
        } else if (!same(p, at, 0, 4) || p.getUnsignedShort(4) + IPV6_HEADER != len || !same(p, at, 6, 34)) {
            return false;
        }
        int t = ipHeader;
        int flags = p.getUnsignedByte(t + 13);
        if (p.getInt(t + 4) != nextSequence || !same(p, at, t, 4) || !same(p, at, t + 8, 5) || !same(p, at, t + 14, 2)
                || !same(p, at, t + 18, headers - t - 18) || (flags & ~(ACK | PSH)) != 0 || (flags & ACK) == 0
                || !checksumVerifies(p, ipHeader)) {
            return false;
        }
        out.put(at + length, p.buffer(), p.offset() + headers, payload);
        length += payload;
        count++;
        nextSequence += payload;
        if ((flags & PSH) != 0) {
            pushed = true;
        }
        open = !pushed && payload == segmentSize;
        return true;
    }

    /**
     * Completes what is held and gives its length from index 0 of {@link #buffer()}, virtio header
     * included: one segment as it came, with a plain header; more as one super-packet. Then holds nothing.
     */
    public int finish() {
        int at = VirtioNetHeader.SIZE;
        if (count > 1) {
            if (ipv4) {
                out.putShort(at + 2, (short) length);
                out.putShort(at + 10, (short) 0);
                out.putShort(at + 10, (short) InternetChecksum.finish(InternetChecksum.add(0, out, at, IPV4_HEADER)));
            } else {
                out.putShort(at + 4, (short) (length - IPV6_HEADER));
            }
            if (pushed) {
                out.put(at + ipHeader + 13, (byte) (out.get(at + ipHeader + 13) | PSH));
            }
            int transportLength = length - ipHeader;
            long pseudo = ipv4
                    ? InternetChecksum.ipv4PseudoHeader(out.getInt(at + 12), out.getInt(at + 16), TCP, transportLength)
                    : InternetChecksum.ipv6PseudoHeader(out.getLong(at + 8), out.getLong(at + 16), out.getLong(at + 24), out.getLong(at + 32),
                            TCP, transportLength);
            out.putShort(at + ipHeader + 16, (short) InternetChecksum.fold(pseudo));
            VirtioNetHeader.put(out, 0, VirtioNetHeader.FLAG_NEEDS_CSUM, ipv4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6,
                    headers, segmentSize, ipHeader, 16);
        } else {
            VirtioNetHeader.putPlain(out, 0);
        }
        int total = at + length;
        count = 0;
        length = 0;
        open = false;
        return total;
    }

    private boolean same(Packet p, int at, int from, int n) {
        for (int i = 0; i < n; i++) {
            if (p.getUnsignedByte(from + i) != (out.get(at + from + i) & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static boolean checksumVerifies(Packet p, int ipHeader) {
        int transportLength = p.length() - ipHeader;
        long sum = InternetChecksum.pseudoHeader(p, TCP, transportLength);
        return InternetChecksum.fold(InternetChecksum.add(sum, p, ipHeader, transportLength)) == 0xffff;
    }
}
