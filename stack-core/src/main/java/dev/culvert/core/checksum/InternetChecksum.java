package dev.culvert.core.checksum;

import dev.culvert.core.packet.Packet;

/**
 * The 16-bit one's-complement checksum of IPv4, ICMP, TCP, UDP and ICMPv6.
 *
 * <p>Sums are carried as {@code long} partial sums so that a caller can add a pseudo-header and
 * the payload and fold once at the end.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /**
     * Adds {@code length} bytes of the packet's window from {@code offset} to {@code sum}, as
     * big-endian 16-bit words; an odd last byte is padded with zero. The caller has checked the range.
     */
    public static long add(long sum, Packet packet, int offset, int length) {
        if (length <= 0) {
            return sum; // nothing to add, wherever it would start
        }
        if (offset < 0 || offset + length > packet.length()) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " in packet of " + packet.length());
        }
        return add(sum, packet.buffer(), packet.offset() + offset, length);
    }

    /**
     * Adds {@code length} bytes of a big-endian buffer from absolute index {@code index} to
     * {@code sum}, as {@link #add(long, Packet, int, int)} does for a packet's window.
     */
    public static long add(long sum, java.nio.ByteBuffer buffer, int index, int length) {
        int i = 0;
        for (; i + 3 < length; i += 4) {
            sum += buffer.getInt(index + i) & 0xffffffffL;
        }
        for (; i + 1 < length; i += 2) {
            sum += buffer.getShort(index + i) & 0xffff;
        }
        if (i < length) {
            sum += (buffer.get(index + i) & 0xff) << 8;
        }
        return sum;
    }

    /** Adds a 32-bit value as two words (an IPv4 address, a length in a pseudo-header). */
    public static long addInt(long sum, int value) {
        return sum + ((value >>> 16) & 0xffff) + (value & 0xffff);
    }

    /** Adds a 64-bit value as four words (half an IPv6 address). */
    public static long addLong(long sum, long value) {
        return addInt(addInt(sum, (int) (value >>> 32)), (int) value);
    }

    /** Folds a partial sum into 16 bits and complements it: the value to store in a header. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xffff;
    }

    /** Folds carries until the sum fits 16 bits (not complemented). */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum of a range: what a header's checksum field must hold (computed with the field zero). */
    public static int compute(Packet packet, int offset, int length) {
        return finish(add(0, packet, offset, length));
    }

    /** Whether a range that includes its checksum field verifies (sums to all ones). */
    public static boolean verifies(Packet packet, int offset, int length) {
        return fold(add(0, packet, offset, length)) == 0xffff;
    }

    /**
     * RFC 1624 eqn. 3: the new checksum after one 16-bit word of the covered data changed from
     * {@code oldWord} to {@code newWord}: {@code HC' = ~(~HC + ~m + m')}.
     */
    public static int update(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~fold(sum) & 0xffff;
    }

    /**
     * {@link #update} for a 16-bit field that starts {@code offset} bytes into the checksummed
     * data (offsets count from the start of that data, e.g. the TCP header). At an odd offset the
     * field straddles two words; in one's-complement arithmetic that is the same as the
     * byte-swapped value at an even offset (RFC 1071 §2(B), byte-order independence), so TCP
     * options at any alignment can be rewritten without re-summing the segment.
     */
    public static int updateAt(int checksum, int offset, int oldValue, int newValue) {
        if ((offset & 1) == 0) {
            return update(checksum, oldValue, newValue);
        }
        return update(checksum, swapBytes(oldValue), swapBytes(newValue));
    }

    private static int swapBytes(int word) {
        return ((word & 0xff) << 8) | ((word >>> 8) & 0xff);
    }

    /** Adds the 16 bytes of an IPv6 address, held as two longs in network order. */
    public static long addIpv6(long sum, long hi, long lo) {
        return addLong(addLong(sum, hi), lo);
    }

    /**
     * The sum of an IPv4 pseudo-header (RFC 793 §3.1, RFC 768): source, destination, protocol and
     * upper-layer length; add the upper-layer bytes to it and {@link #finish} once.
     */
    public static long ipv4PseudoHeader(int src, int dst, int protocol, int upperLength) {
        return addInt(addInt(0, src), dst) + (protocol & 0xff) + (upperLength & 0xffff);
    }

    /**
     * The sum of an IPv6 pseudo-header (RFC 8200 §8.1): source, destination, the 32-bit
     * upper-layer length and the next-header value.
     */
    public static long ipv6PseudoHeader(long srcHi, long srcLo, long dstHi, long dstLo, int nextHeader, int upperLength) {
        return addInt(addIpv6(addIpv6(0, srcHi, srcLo), dstHi, dstLo), upperLength) + (nextHeader & 0xff);
    }

    /** {@link #update} for a 32-bit field (an address), as two word updates. */
    public static int updateInt(int checksum, int oldValue, int newValue) {
        int c = update(checksum, oldValue >>> 16, newValue >>> 16);
        return update(c, oldValue & 0xffff, newValue & 0xffff);
    }

    /**
     * The pseudo-header sum of the IP packet in a packet's window (IPv4 or IPv6 by its version
     * nibble), for a transport of {@code protocol} and {@code transportLength} bytes. The caller
     * has checked the IP header is there.
     */
    public static long pseudoHeader(Packet packet, int protocol, int transportLength) {
        if (packet.getUnsignedByte(0) >>> 4 == 4) {
            return ipv4PseudoHeader(packet.getInt(12), packet.getInt(16), protocol, transportLength);
        }
        java.nio.ByteBuffer b = packet.buffer();
        int o = packet.offset();
        return ipv6PseudoHeader(b.getLong(o + 8), b.getLong(o + 16), b.getLong(o + 24), b.getLong(o + 32), protocol, transportLength);
    }
}
