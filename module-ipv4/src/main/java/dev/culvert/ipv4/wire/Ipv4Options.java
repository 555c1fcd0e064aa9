package dev.culvert.ipv4.wire;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;

/**
 * A walk of the options of a wrapped IPv4 header (RFC 791 §3.1), bounded by IHL: every option
 * must fit, and source-routing options are refused, as hosts and routers refuse them by default
 * (RFC 7126 §4.3, §4.4; Linux's {@code accept_source_route=0}): a tunnel must not let a packet
 * choose its own path past the operator's routes.
 */
public final class Ipv4Options {
    /** An option with a length below 2 or running past the header. */
    public static final DropReason MALFORMED = DropReason.of("ipv4.bad-options");
    /** Loose or strict source route. */
    public static final DropReason SOURCE_ROUTE = DropReason.of("ipv4.source-route");

    static final int END = 0;
    static final int NOP = 1;
    static final int LOOSE_SOURCE_ROUTE = 131;
    static final int STRICT_SOURCE_ROUTE = 137;

    private Ipv4Options() {
    }

    /** {@code null} if the options of {@code header} (wrapped) are acceptable, else why not. */
    public static DropReason check(Ipv4Header header) {
        Packet packet = header.packet();
        int end = header.headerLength();
        int i = Ipv4Header.MIN_LENGTH;
        while (i < end) {
            int type = packet.getUnsignedByte(i);
            if (type == END) {
                return null;
            }
            if (type == NOP) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return MALFORMED;
            }
            int length = packet.getUnsignedByte(i + 1);
            if (length < 2 || i + length > end) {
                return MALFORMED;
            }
            if (type == LOOSE_SOURCE_ROUTE || type == STRICT_SOURCE_ROUTE) {
                return SOURCE_ROUTE;
            }
            i += length;
        }
        return null;
    }
}
