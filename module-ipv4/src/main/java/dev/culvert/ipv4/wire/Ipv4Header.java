package dev.culvert.ipv4.wire;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;

/**
 * A view of the IPv4 header (RFC 791) at the start of a packet's window. {@link #wrap} checks,
 * once, every length the accessors rely on: the fixed header, IHL and total length against the
 * buffer. After a successful wrap the accessors cannot read outside the packet, so they check
 * nothing more. A view is reused for packet after packet by one thread and allocates nothing.
 *
 * <p>Addresses are ints in network order (the first octet in the top byte).
 */
public final class Ipv4Header {
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 60;

    /** Shorter than the 20-byte fixed header. */
    public static final DropReason TRUNCATED = DropReason.of("ipv4.truncated");
    /** The version nibble is not 4. */
    public static final DropReason BAD_VERSION = DropReason.of("ipv4.bad-version");
    /** IHL below 5 words. */
    public static final DropReason BAD_IHL = DropReason.of("ipv4.bad-ihl");
    /** IHL says the header (with options) is longer than the packet. */
    public static final DropReason HEADER_TRUNCATED = DropReason.of("ipv4.header-truncated");
    /** Total length shorter than the header. */
    public static final DropReason BAD_TOTAL_LENGTH = DropReason.of("ipv4.bad-total-length");
    /** Total length says more bytes than the packet holds. */
    public static final DropReason TOTAL_LENGTH_EXCEEDS_BUFFER = DropReason.of("ipv4.total-length-exceeds-buffer");

    static final int VERSION_IHL = 0;
    static final int DSCP_ECN = 1;
    static final int TOTAL_LENGTH = 2;
    static final int IDENTIFICATION = 4;
    static final int FLAGS_FRAGMENT = 6;
    static final int TTL = 8;
    static final int PROTOCOL = 9;
    static final int CHECKSUM = 10;
    static final int SOURCE = 12;
    static final int DESTINATION = 16;

    private static final int DONT_FRAGMENT = 0x4000;
    private static final int MORE_FRAGMENTS = 0x2000;
    private static final int OFFSET_MASK = 0x1fff;

    private Packet packet;
    private int headerLength;
    private int totalLength;

    /**
     * Points this view at {@code packet} and checks its lengths. Returns {@code null} if the
     * accessors may be used, else the reason the bytes are not an IPv4 header.
     */
    public DropReason wrap(Packet packet) {
        this.packet = null;
        int available = packet.length();
        if (available < MIN_LENGTH) {
            return TRUNCATED;
        }
        int versionIhl = packet.getUnsignedByte(VERSION_IHL);
        if (versionIhl >>> 4 != 4) {
            return BAD_VERSION;
        }
        int ihl = (versionIhl & 0x0f) * 4;
        if (ihl < MIN_LENGTH) {
            return BAD_IHL;
        }
        if (ihl > available) {
            return HEADER_TRUNCATED;
        }
        int total = packet.getUnsignedShort(TOTAL_LENGTH);
        if (total < ihl) {
            return BAD_TOTAL_LENGTH;
        }
        if (total > available) {
            return TOTAL_LENGTH_EXCEEDS_BUFFER;
        }
        this.packet = packet;
        this.headerLength = ihl;
        this.totalLength = total;
        return null;
    }

    /** The packet of the last successful {@link #wrap}, or {@code null}. */
    public Packet packet() {
        return packet;
    }

    public int headerLength() {
        return headerLength;
    }

    public int totalLength() {
        return totalLength;
    }

    public int payloadLength() {
        return totalLength - headerLength;
    }

    public int dscpEcn() {
        return packet.getUnsignedByte(DSCP_ECN);
    }

    public int identification() {
        return packet.getUnsignedShort(IDENTIFICATION);
    }

    public boolean dontFragment() {
        return (packet.getUnsignedShort(FLAGS_FRAGMENT) & DONT_FRAGMENT) != 0;
    }

    public boolean moreFragments() {
        return (packet.getUnsignedShort(FLAGS_FRAGMENT) & MORE_FRAGMENTS) != 0;
    }

    /** The fragment's offset in bytes (the field counts 8-byte units). */
    public int fragmentOffset() {
        return (packet.getUnsignedShort(FLAGS_FRAGMENT) & OFFSET_MASK) * 8;
    }

    /** Whether this is any fragment of a larger datagram, first, middle or last. */
    public boolean isFragment() {
        return (packet.getUnsignedShort(FLAGS_FRAGMENT) & (MORE_FRAGMENTS | OFFSET_MASK)) != 0;
    }

    /** Whether the reserved (evil) bit is set; receivers ignore it, as RFC 791 says. */
    public boolean reservedFlag() {
        return (packet.getUnsignedShort(FLAGS_FRAGMENT) & 0x8000) != 0;
    }

    public int ttl() {
        return packet.getUnsignedByte(TTL);
    }

    public int protocol() {
        return packet.getUnsignedByte(PROTOCOL);
    }

    public int checksum() {
        return packet.getUnsignedShort(CHECKSUM);
    }

    /** Whether the header, options included, sums to all ones. */
    public boolean checksumValid() {
        return InternetChecksum.verifies(packet, 0, headerLength);
    }

    public int source() {
        return packet.getInt(SOURCE);
    }

    public int destination() {
        return packet.getInt(DESTINATION);
    }

    /** Recomputes the header checksum after a field was written. */
    public void fillChecksum() {
        packet.putShort(CHECKSUM, 0);
        packet.putShort(CHECKSUM, InternetChecksum.compute(packet, 0, headerLength));
    }
}
