package dev.culvert.ipv6;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.graph.DropReason;
import dev.culvert.core.l3.TokenBucket;
import dev.culvert.core.packet.Packet;
import dev.culvert.ipv6.wire.ExtensionHeaderChain;
import dev.culvert.ipv6.wire.Ipv6Address;
import dev.culvert.ipv6.wire.Ipv6Header;
import dev.culvert.ipv6.wire.Ipv6Repr;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Policy;

/**
 * Writes ICMPv6 destination-unreachable and packet-too-big errors under RFC 4443 §2.4: never
 * about an ICMPv6 error message (types below 128) or a packet whose chain cannot be walked, nor
 * about a non-first fragment; never to an unspecified or multicast source; not to a multicast
 * destination except packet-too-big, which §2.4(e.2) allows so that multicast senders learn the
 * path MTU; rate-limited (§2.4(f)); quoting as much of the offending packet as keeps the error
 * within the minimum MTU of 1280 bytes (§2.4(c)). The checksum covers the pseudo-header.
 */
final class Icmpv6ErrorWriter {
    static final int MIN_MTU = 1280;
    static final int ICMP_HEADER = 8;
    static final int TYPE_DESTINATION_UNREACHABLE = 1;
    static final int TYPE_PACKET_TOO_BIG = 2;
    static final int CODE_NO_ROUTE = 0;
    static final int CODE_ADMIN_PROHIBITED = 1;
    static final int FIRST_INFORMATIONAL_TYPE = 128;
    static final int HOP_LIMIT = 64;

    static final DropReason MALFORMED = DropReason.of("icmpv6.offending-malformed");
    static final DropReason ABOUT_ICMP_ERROR = DropReason.of("icmpv6.about-icmp-error");
    static final DropReason NOT_FIRST_FRAGMENT = DropReason.of("icmpv6.not-first-fragment");
    static final DropReason BAD_SOURCE = DropReason.of("icmpv6.offending-bad-source");
    static final DropReason MULTICAST_DESTINATION = DropReason.of("icmpv6.offending-multicast-destination");
    static final DropReason NO_ROUTER_ADDRESS = DropReason.of("icmpv6.no-router-address");
    static final DropReason REPLY_TOO_SMALL = DropReason.of("icmpv6.reply-buffer-too-small");
    static final DropReason RATE_LIMITED = DropReason.of("icmpv6.rate-limited");

    private final TokenBucket bucket;

    Icmpv6ErrorWriter(TokenBucket bucket) {
        this.bucket = bucket;
    }

    DropReason write(Packet offending, Ipv6Header header, ExtensionHeaderChain chain, IcmpError error, int nextHopMtu,
            L3Policy policy, Packet reply) {
        if (header.wrap(offending) != null || chain.walk(header) != null) {
            return MALFORMED;
        }
        if (chain.fragmentOffset() != 0) {
            return NOT_FIRST_FRAGMENT;
        }
        if (chain.upperProtocol() == ExtensionHeaderChain.ICMPV6) {
            if (chain.upperOffset() >= header.totalLength()) {
                return MALFORMED;
            }
            if (offending.getUnsignedByte(chain.upperOffset()) < FIRST_INFORMATIONAL_TYPE) {
                return ABOUT_ICMP_ERROR;
            }
        }
        long sourceHi = header.sourceHi();
        long sourceLo = header.sourceLo();
        if (Ipv6Address.isUnspecified(sourceHi, sourceLo) || Ipv6Address.isMulticast(sourceHi)) {
            return BAD_SOURCE;
        }
        if (Ipv6Address.isMulticast(header.destinationHi()) && error != IcmpError.PACKET_TOO_BIG) {
            return MULTICAST_DESTINATION;
        }
        long routerHi = policy.routerV6Hi();
        long routerLo = policy.routerV6Lo();
        if (Ipv6Address.isUnspecified(routerHi, routerLo)) {
            return NO_ROUTER_ADDRESS;
        }
        int quote = Math.min(header.totalLength(), MIN_MTU - Ipv6Header.LENGTH - ICMP_HEADER);
        int icmpLength = ICMP_HEADER + quote;
        int length = Ipv6Header.LENGTH + icmpLength;
        if (reply == offending || reply.capacity() - reply.offset() < length) {
            return REPLY_TOO_SMALL;
        }
        if (!bucket.tryTake(policy.icmpPerSecond())) {
            return RATE_LIMITED;
        }
        reply.setLength(length);
        Ipv6Repr.write(reply, 0, 0, 0, icmpLength, ExtensionHeaderChain.ICMPV6, HOP_LIMIT, routerHi, routerLo, sourceHi, sourceLo);
        int icmp = Ipv6Header.LENGTH;
        boolean tooBig = error == IcmpError.PACKET_TOO_BIG;
        reply.putByte(icmp, tooBig ? TYPE_PACKET_TOO_BIG : TYPE_DESTINATION_UNREACHABLE);
        reply.putByte(icmp + 1, error == IcmpError.PROHIBITED ? CODE_ADMIN_PROHIBITED : CODE_NO_ROUTE);
        reply.putShort(icmp + 2, 0);
        // Packet too big reports the MTU, never below IPv6's minimum; unreachable leaves the field unused (zero).
        reply.putInt(icmp + 4, tooBig ? Math.max(MIN_MTU, nextHopMtu) : 0);
        reply.buffer().put(reply.offset() + icmp + ICMP_HEADER, offending.buffer(), offending.offset(), quote);
        long sum = InternetChecksum.ipv6PseudoHeader(routerHi, routerLo, sourceHi, sourceLo, ExtensionHeaderChain.ICMPV6, icmpLength);
        reply.putShort(icmp + 2, InternetChecksum.finish(InternetChecksum.add(sum, reply, icmp, icmpLength)));
        return null;
    }
}
