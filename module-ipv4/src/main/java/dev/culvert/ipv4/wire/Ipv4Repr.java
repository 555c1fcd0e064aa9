package dev.culvert.ipv4.wire;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.packet.Packet;

/**
 * A parsed IPv4 header without options, as a value: what a test or the control path builds,
 * compares and emits back into a buffer. The data path reads {@link Ipv4Header} in place instead.
 *
 * @param fragmentOffset in bytes, a multiple of 8
 */
public record Ipv4Repr(int source, int destination, int protocol, int ttl, int dscpEcn, int identification,
        boolean dontFragment, boolean moreFragments, int fragmentOffset, int payloadLength) {

    public Ipv4Repr {
        if (protocol < 0 || protocol > 255 || ttl < 0 || ttl > 255 || dscpEcn < 0 || dscpEcn > 255
                || identification < 0 || identification > 0xffff) {
            throw new IllegalArgumentException("IPv4 field out of range");
        }
        if (fragmentOffset < 0 || fragmentOffset > 0x1fff * 8 || fragmentOffset % 8 != 0) {
            throw new IllegalArgumentException("fragment offset " + fragmentOffset);
        }
        if (payloadLength < 0 || payloadLength > 0xffff - Ipv4Header.MIN_LENGTH) {
            throw new IllegalArgumentException("payload length " + payloadLength);
        }
    }

    /** The fields of a wrapped header; options, if any, are not kept. */
    public static Ipv4Repr parse(Ipv4Header header) {
        return new Ipv4Repr(header.source(), header.destination(), header.protocol(), header.ttl(), header.dscpEcn(),
                header.identification(), header.dontFragment(), header.moreFragments(), header.fragmentOffset(),
                header.payloadLength());
    }

    /** The bytes this header takes on the wire. */
    public int headerLength() {
        return Ipv4Header.MIN_LENGTH;
    }

    /** Writes a 20-byte header with its checksum at {@code offset} of the packet's window. */
    public void emit(Packet packet, int offset) {
        int flags = (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | (fragmentOffset / 8);
        write(packet, offset, dscpEcn, Ipv4Header.MIN_LENGTH + payloadLength, identification, flags, ttl, protocol,
                source, destination);
    }

    /**
     * Writes a 20-byte header from its fields, checksum included, without a value object: how
     * the ICMP writer emits, allocation-free. {@code flagsFragment} is the raw 16-bit field.
     */
    public static void write(Packet packet, int offset, int dscpEcn, int totalLength, int identification, int flagsFragment,
            int ttl, int protocol, int source, int destination) {
        packet.putByte(offset + Ipv4Header.VERSION_IHL, 0x45);
        packet.putByte(offset + Ipv4Header.DSCP_ECN, dscpEcn);
        packet.putShort(offset + Ipv4Header.TOTAL_LENGTH, totalLength);
        packet.putShort(offset + Ipv4Header.IDENTIFICATION, identification);
        packet.putShort(offset + Ipv4Header.FLAGS_FRAGMENT, flagsFragment);
        packet.putByte(offset + Ipv4Header.TTL, ttl);
        packet.putByte(offset + Ipv4Header.PROTOCOL, protocol);
        packet.putShort(offset + Ipv4Header.CHECKSUM, 0);
        packet.putInt(offset + Ipv4Header.SOURCE, source);
        packet.putInt(offset + Ipv4Header.DESTINATION, destination);
        packet.putShort(offset + Ipv4Header.CHECKSUM, InternetChecksum.compute(packet, offset, Ipv4Header.MIN_LENGTH));
    }
}
