package dev.culvert.ipv4;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.l3.TokenBucket;
import dev.culvert.core.packet.Packet;
import dev.culvert.ipv4.wire.Ipv4Address;
import dev.culvert.ipv4.wire.Ipv4Header;
import dev.culvert.ipv4.wire.Ipv4Repr;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Policy;

/**
 * Writes ICMPv4 destination-unreachable errors (RFC 792) under the rules of RFC 1812 §4.3.2:
 * never about an ICMP error, a non-first fragment, a packet from an address that is not a host's,
 * or one sent to a multicast or broadcast address; rate-limited; quoting the offending datagram's
 * header and as much of its data as keeps the error within 576 bytes (§4.3.2.3). Fragmentation
 * needed carries the next-hop MTU (RFC 1191).
 */
final class Icmpv4ErrorWriter {
    static final int MAX_ERROR_LENGTH = 576;
    static final int ICMP_HEADER = 8;
    static final int TYPE_DESTINATION_UNREACHABLE = 3;
    static final int CODE_HOST_UNREACHABLE = 1;
    static final int CODE_FRAGMENTATION_NEEDED = 4;
    static final int CODE_ADMIN_PROHIBITED = 13;
    static final int PROTOCOL_ICMP = 1;
    static final int TTL = 64;

    static final DropReason MALFORMED = DropReason.of("icmpv4.offending-malformed");
    static final DropReason ABOUT_ICMP_ERROR = DropReason.of("icmpv4.about-icmp-error");
    static final DropReason NOT_FIRST_FRAGMENT = DropReason.of("icmpv4.not-first-fragment");
    static final DropReason BAD_SOURCE = DropReason.of("icmpv4.offending-bad-source");
    static final DropReason GROUP_DESTINATION = DropReason.of("icmpv4.offending-group-destination");
    static final DropReason NO_ROUTER_ADDRESS = DropReason.of("icmpv4.no-router-address");
    static final DropReason REPLY_TOO_SMALL = DropReason.of("icmpv4.reply-buffer-too-small");
    static final DropReason RATE_LIMITED = DropReason.of("icmpv4.rate-limited");

    private final TokenBucket bucket;

    Icmpv4ErrorWriter(TokenBucket bucket) {
        this.bucket = bucket;
    }

    DropReason write(Packet offending, Ipv4Header header, IcmpError error, int nextHopMtu, L3Policy policy, Packet reply) {
        if (header.wrap(offending) != null) {
            return MALFORMED;
        }
        if (header.fragmentOffset() != 0) {
            return NOT_FIRST_FRAGMENT;
        }
        int ihl = header.headerLength();
        if (header.protocol() == PROTOCOL_ICMP) {
            if (header.payloadLength() < 1) {
                return MALFORMED;
            }
            if (!isInformational(offending.getUnsignedByte(ihl))) {
                return ABOUT_ICMP_ERROR;
            }
        }
        int source = header.source();
        int destination = header.destination();
        if (!Ipv4Address.isValidSource(source)) {
            return BAD_SOURCE;
        }
        if (Ipv4Address.isMulticast(destination) || Ipv4Address.isReserved(destination)) {
            return GROUP_DESTINATION;
        }
        if (policy.routerV4() == 0) {
            return NO_ROUTER_ADDRESS;
        }
        int quote = Math.min(header.totalLength(), MAX_ERROR_LENGTH - Ipv4Header.MIN_LENGTH - ICMP_HEADER);
        int length = Ipv4Header.MIN_LENGTH + ICMP_HEADER + quote;
        if (reply == offending || reply.capacity() - reply.offset() < length) {
            return REPLY_TOO_SMALL;
        }
        if (!bucket.tryTake(policy.icmpPerSecond())) {
            return RATE_LIMITED;
        }
        reply.setLength(length);
        int icmp = Ipv4Header.MIN_LENGTH;
        reply.putByte(icmp, TYPE_DESTINATION_UNREACHABLE);
        reply.putByte(icmp + 1, code(error));
        reply.putShort(icmp + 2, 0);
        reply.putShort(icmp + 4, 0);
        reply.putShort(icmp + 6, error == IcmpError.PACKET_TOO_BIG ? Math.max(0, Math.min(nextHopMtu, 0xffff)) : 0);
        // Copied through the backing buffers: a bulk copy, not a byte-by-byte loop.
        reply.buffer().put(reply.offset() + icmp + ICMP_HEADER, offending.buffer(), offending.offset(), quote);
        reply.putShort(icmp + 2, InternetChecksum.compute(reply, icmp, ICMP_HEADER + quote));
        Ipv4Repr.write(reply, 0, 0xc0, length, 0, 0, TTL, PROTOCOL_ICMP, policy.routerV4(), source);
        return null;
    }

    private static int code(IcmpError error) {
        return switch (error) {
            case NO_ROUTE -> CODE_HOST_UNREACHABLE;
            case PACKET_TOO_BIG -> CODE_FRAGMENTATION_NEEDED;
            case PROHIBITED -> CODE_ADMIN_PROHIBITED;
        };
    }

    /**
     * Queries and replies, which may be answered with an error. Every other type, known errors and
     * types this stack does not know alike, is treated as an error and never answered.
     */
    static boolean isInformational(int type) {
        return switch (type) {
            case 0, 8, 9, 10, 13, 14, 15, 16, 17, 18 -> true;
            default -> false;
        };
    }
}
