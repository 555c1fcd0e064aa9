package dev.culvert.example.filter;

import dev.culvert.core.packet.Packet;

/**
 * What a rule looks at in an IPv4 packet, read in place. {@link #read} checks the lengths once;
 * the accessors then read within what it checked. One instance per worker thread, reused for
 * every packet, so the data path allocates nothing.
 */
final class Ipv4Header {
    /** The L4 header is not there to read: not IPv4, or cut short. */
    static final int NONE = -1;

    private Packet packet;
    private int l4;
    private int end;

    /**
     * Takes {@code packet} as the one to read. Returns false if it is not a well-formed IPv4
     * header (too short, another version, a header length past the end).
     */
    boolean read(Packet packet) {
        this.packet = packet;
        int length = packet.length();
        if (length < 20 || (packet.getUnsignedByte(0) >>> 4) != 4) {
            return false;
        }
        int headerLength = (packet.getUnsignedByte(0) & 0x0f) * 4;
        int total = packet.getUnsignedShort(2);
        if (headerLength < 20 || total < headerLength || headerLength > length) {
            return false;
        }
        this.end = Math.min(length, total);
        boolean firstFragment = (packet.getUnsignedShort(6) & 0x1fff) == 0;
        this.l4 = firstFragment ? headerLength : NONE;
        return true;
    }

    int protocol() {
        return packet.getUnsignedByte(9);
    }

    int source() {
        return packet.getInt(12);
    }

    int destination() {
        return packet.getInt(16);
    }

    /**
     * The TCP or UDP destination port, or {@link #NONE} when the packet carries none to read: a
     * later fragment, or a transport header cut before its ports.
     */
    int destinationPort() {
        if (l4 == NONE || l4 + 4 > end) {
            return NONE;
        }
        return packet.getUnsignedShort(l4 + 2);
    }
}
