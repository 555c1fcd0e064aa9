package dev.culvert.ipv6.wire;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;

/**
 * A walk of the extension-header chain (RFC 8200 §4) from the fixed header to the upper-layer
 * header: hop-by-hop options, routing, fragment, destination options and AH are stepped over;
 * anything else ends the chain as the upper-layer protocol. The walk is bounded by the payload,
 * by {@link #MAX_HEADERS} headers and by {@link #MAX_CHAIN_BYTES} bytes, so a crafted chain costs
 * a few reads at most. A non-first fragment ends the walk at its fragment header, since what
 * follows is the middle of a datagram. Results stay in this reused holder; nothing is allocated.
 */
public final class ExtensionHeaderChain {
    public static final int HOP_BY_HOP = 0;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int NO_NEXT_HEADER = 59;
    public static final int DESTINATION_OPTIONS = 60;
    public static final int ICMPV6 = 58;
    public static final int TCP = 6;

    /** More extension headers than any real packet carries (RFC 8200 recommends each at most once or twice). */
    public static final int MAX_HEADERS = 8;
    /** Extension headers longer than this in total are refused (RFC 7112 wants the chain in the first fragment). */
    public static final int MAX_CHAIN_BYTES = 512;
    static final int FRAGMENT_HEADER_LENGTH = 8;

    /** An extension header runs past the payload. */
    public static final DropReason TRUNCATED = DropReason.of("ipv6.ext-truncated");
    public static final DropReason TOO_MANY = DropReason.of("ipv6.ext-too-many");
    public static final DropReason TOO_LONG = DropReason.of("ipv6.ext-too-long");
    /** A hop-by-hop header anywhere but straight after the fixed header (RFC 8200 §4.3). */
    public static final DropReason HOP_BY_HOP_NOT_FIRST = DropReason.of("ipv6.hop-by-hop-not-first");
    /**
     * A type 0 routing header with segments left: deprecated by RFC 5095 because it turns any
     * router into an amplifier; nodes must not process it.
     */
    public static final DropReason ROUTING_TYPE_0 = DropReason.of("ipv6.routing-type-0");
    /** A fragment that would end past 65535 bytes, or a non-last one whose data is not a multiple of 8. */
    public static final DropReason BAD_FRAGMENT = DropReason.of("ipv6.bad-fragment");

    private int upperProtocol;
    private int upperOffset;
    private int headers;
    private boolean fragment;
    private int fragmentOffset;
    private boolean moreFragments;

    /**
     * Walks the chain of a packet whose fixed header {@code header} has wrapped. Returns {@code null}
     * when the accessors hold the result, else why the chain is refused.
     */
    public DropReason walk(Ipv6Header header) {
        Packet packet = header.packet();
        int end = header.totalLength();
        int next = header.nextHeader();
        int offset = Ipv6Header.LENGTH;
        headers = 0;
        fragment = false;
        fragmentOffset = 0;
        moreFragments = false;
        while (true) {
            if (!isExtension(next)) {
                upperProtocol = next;
                upperOffset = offset;
                return null;
            }
            if (next == HOP_BY_HOP && headers > 0) {
                return HOP_BY_HOP_NOT_FIRST;
            }
            if (headers == MAX_HEADERS) {
                return TOO_MANY;
            }
            if (offset + 2 > end) {
                return TRUNCATED;
            }
            int length = switch (next) {
                case FRAGMENT -> FRAGMENT_HEADER_LENGTH;
                case AH -> (packet.getUnsignedByte(offset + 1) + 2) * 4;
                default -> (packet.getUnsignedByte(offset + 1) + 1) * 8;
            };
            if (offset + length > end) {
                return TRUNCATED;
            }
            if (offset + length - Ipv6Header.LENGTH > MAX_CHAIN_BYTES) {
                return TOO_LONG;
            }
            int following = packet.getUnsignedByte(offset);
            headers++;
            if (next == ROUTING && packet.getUnsignedByte(offset + 2) == 0 && packet.getUnsignedByte(offset + 3) != 0) {
                return ROUTING_TYPE_0;
            }
            if (next == FRAGMENT) {
                int field = packet.getUnsignedShort(offset + 2);
                fragment = true;
                fragmentOffset = field & 0xfff8;
                moreFragments = (field & 1) != 0;
                int data = end - offset - length;
                if (fragmentOffset + data > 0xffff || (moreFragments && (data == 0 || data % 8 != 0))) {
                    return BAD_FRAGMENT;
                }
                if (fragmentOffset != 0) {
                    upperProtocol = following;
                    upperOffset = offset + length;
                    return null;
                }
            }
            offset += length;
            next = following;
        }
    }

    private static boolean isExtension(int next) {
        return next == HOP_BY_HOP || next == ROUTING || next == FRAGMENT || next == DESTINATION_OPTIONS || next == AH;
    }

    /** The protocol after the chain (TCP 6, UDP 17, ICMPv6 58, ESP 50, no next header 59…). */
    public int upperProtocol() {
        return upperProtocol;
    }

    /** Where the upper-layer header starts; for a non-first fragment, where its data starts. */
    public int upperOffset() {
        return upperOffset;
    }

    /** How many extension headers were stepped over. */
    public int headers() {
        return headers;
    }

    public boolean isFragment() {
        return fragment;
    }

    /** The fragment's offset in bytes; 0 for a first fragment or an unfragmented packet. */
    public int fragmentOffset() {
        return fragmentOffset;
    }

    public boolean moreFragments() {
        return moreFragments;
    }
}
