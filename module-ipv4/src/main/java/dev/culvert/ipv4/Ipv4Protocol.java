package dev.culvert.ipv4;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.l3.TcpMssClamp;
import dev.culvert.core.l3.TokenBucket;
import dev.culvert.core.packet.Packet;
import dev.culvert.ipv4.wire.Ipv4Address;
import dev.culvert.ipv4.wire.Ipv4Header;
import dev.culvert.ipv4.wire.Ipv4Options;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.L3Protocol;
import dev.culvert.spi.l3.Side;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Component;

/**
 * IPv4's rules for the L3 slot. {@link #inspect} checks, in order: the header's lengths
 * ({@link Ipv4Header#wrap}), its checksum, its options ({@link Ipv4Options}: no source routes),
 * TTL, fragment bounds, the source and destination address classes, and size against the tunnel
 * MTU when DF is set (answered with fragmentation needed); then it clamps the MSS of unfragmented TCP SYNs. Bytes past the total length (link
 * padding) are trimmed. TTL is checked, not decremented: like OpenVPN, the stack forwards as a
 * link, not as a hop.
 *
 * <p>Every instance keeps one ICMP token bucket, shared by the workers that use it.
 */
@Component(service = L3Protocol.class, property = {"culvert.name=ipv4"})
public final class Ipv4Protocol implements L3Protocol {
    public static final DropReason BAD_CHECKSUM = DropReason.of("ipv4.bad-checksum");
    public static final DropReason TTL_ZERO = DropReason.of("ipv4.ttl-zero");
    /** A fragment that would end past 65535 bytes, or a non-last fragment whose data is not a multiple of 8. */
    public static final DropReason BAD_FRAGMENT = DropReason.of("ipv4.bad-fragment");
    /** Source 0.0.0.0, 127/8, multicast or class E: no host sends from these. */
    public static final DropReason MARTIAN_SOURCE = DropReason.of("ipv4.martian-source");
    /** Destination 0.0.0.0 or 127/8. */
    public static final DropReason MARTIAN_DESTINATION = DropReason.of("ipv4.martian-destination");
    /** DF set and larger than the tunnel MTU; answered with ICMP fragmentation needed. */
    public static final DropReason TOO_BIG = DropReason.of("ipv4.too-big-df");

    static final int PROTOCOL_TCP = 6;

    private final ThreadLocal<Ipv4Header> headers = ThreadLocal.withInitial(Ipv4Header::new);
    private final Icmpv4ErrorWriter icmp;

    /** For Declarative Services and {@link java.util.ServiceLoader}: time from {@link System#nanoTime()}. */
    public Ipv4Protocol() {
        this(System::nanoTime);
    }

    /** With an injected clock (nanoseconds) for the ICMP rate limit. */
    public Ipv4Protocol(LongSupplier nanoClock) {
        this.icmp = new Icmpv4ErrorWriter(new TokenBucket(nanoClock));
    }

    @Override
    public int ipVersion() {
        return 4;
    }

    @Override
    public DropReason inspect(Packet packet, Side side, L3Metadata meta, L3Policy policy) {
        meta.clear();
        Ipv4Header header = headers.get();
        DropReason malformed = header.wrap(packet);
        if (malformed != null) {
            return malformed;
        }
        if (!header.checksumValid()) {
            return BAD_CHECKSUM;
        }
        if (header.headerLength() > Ipv4Header.MIN_LENGTH) {
            DropReason badOptions = Ipv4Options.check(header);
            if (badOptions != null) {
                return badOptions;
            }
        }
        if (header.ttl() == 0) {
            return TTL_ZERO;
        }
        int total = header.totalLength();
        if (total < packet.length()) {
            packet.setLength(total);
        }
        boolean fragment = header.isFragment();
        if (fragment) {
            int payload = header.payloadLength();
            if (header.fragmentOffset() + payload > 0xffff || (header.moreFragments() && (payload == 0 || payload % 8 != 0))) {
                return BAD_FRAGMENT;
            }
        }
        int source = header.source();
        int destination = header.destination();
        if (!Ipv4Address.isValidSource(source)) {
            return MARTIAN_SOURCE;
        }
        if (Ipv4Address.isUnspecified(destination) || Ipv4Address.isLoopback(destination)) {
            return MARTIAN_DESTINATION;
        }
        meta.setIpv4(source, destination, header.protocol(), header.headerLength(), fragment);
        if (total > policy.mtu() && header.dontFragment()) {
            meta.setAnswer(IcmpError.PACKET_TOO_BIG);
            return TOO_BIG;
        }
        if (policy.mssClamp() > 0 && !fragment && header.protocol() == PROTOCOL_TCP) {
            // A malformed TCP header is left for the receiving host to refuse (see TcpMssClamp).
            TcpMssClamp.clamp(packet, header.headerLength(), header.payloadLength(), policy.mssClamp());
        }
        return null;
    }

    @Override
    public DropReason writeIcmpError(Packet offending, IcmpError error, int nextHopMtu, L3Policy policy, Packet reply) {
        return icmp.write(offending, headers.get(), error, nextHopMtu, policy, reply);
    }
}
