package dev.culvert.ipv6.wire;

import dev.culvert.core.packet.Packet;

/**
 * A parsed fixed IPv6 header as a value: what a test or the control path builds, compares and
 * emits back into a buffer. The data path reads {@link Ipv6Header} in place instead.
 */
public record Ipv6Repr(long sourceHi, long sourceLo, long destinationHi, long destinationLo, int nextHeader, int hopLimit,
        int trafficClass, int flowLabel, int payloadLength) {

    public Ipv6Repr {
        if (nextHeader < 0 || nextHeader > 255 || hopLimit < 0 || hopLimit > 255 || trafficClass < 0 || trafficClass > 255
                || flowLabel < 0 || flowLabel > 0xfffff || payloadLength < 0 || payloadLength > 0xffff) {
            throw new IllegalArgumentException("IPv6 field out of range");
        }
    }

    public static Ipv6Repr parse(Ipv6Header header) {
        return new Ipv6Repr(header.sourceHi(), header.sourceLo(), header.destinationHi(), header.destinationLo(),
                header.nextHeader(), header.hopLimit(), header.trafficClass(), header.flowLabel(), header.payloadLength());
    }

    /** Writes the 40-byte header at {@code offset} of the packet's window. */
    public void emit(Packet packet, int offset) {
        write(packet, offset, trafficClass, flowLabel, payloadLength, nextHeader, hopLimit, sourceHi, sourceLo, destinationHi,
                destinationLo);
    }

    /** Writes a header from its fields without a value object: how the ICMPv6 writer emits, allocation-free. */
    public static void write(Packet packet, int offset, int trafficClass, int flowLabel, int payloadLength, int nextHeader,
            int hopLimit, long sourceHi, long sourceLo, long destinationHi, long destinationLo) {
        packet.putInt(offset, (6 << 28) | (trafficClass << 20) | flowLabel);
        packet.putShort(offset + Ipv6Header.PAYLOAD_LENGTH, payloadLength);
        packet.putByte(offset + Ipv6Header.NEXT_HEADER, nextHeader);
        packet.putByte(offset + Ipv6Header.HOP_LIMIT, hopLimit);
        putLong(packet, offset + Ipv6Header.SOURCE, sourceHi);
        putLong(packet, offset + Ipv6Header.SOURCE + 8, sourceLo);
        putLong(packet, offset + Ipv6Header.DESTINATION, destinationHi);
        putLong(packet, offset + Ipv6Header.DESTINATION + 8, destinationLo);
    }

    private static void putLong(Packet packet, int index, long value) {
        packet.putInt(index, (int) (value >>> 32));
        packet.putInt(index + 4, (int) value);
    }
}
