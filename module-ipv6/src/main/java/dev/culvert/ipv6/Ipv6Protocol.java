package dev.culvert.ipv6;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.l3.TcpMssClamp;
import dev.culvert.core.l3.TokenBucket;
import dev.culvert.core.packet.Packet;
import dev.culvert.ipv6.wire.ExtensionHeaderChain;
import dev.culvert.ipv6.wire.Ipv6Address;
import dev.culvert.ipv6.wire.Ipv6Header;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.L3Protocol;
import dev.culvert.spi.l3.Side;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Component;

/**
 * IPv6's rules for the L3 slot. {@link #inspect} checks, in order: the fixed header's lengths, the
 * hop limit, the source and destination address classes, the extension-header chain
 * ({@link ExtensionHeaderChain}), and size against the tunnel MTU (IPv6 is never fragmented on
 * the way, so any larger packet is answered with packet-too-big); then it clamps the MSS of
 * unfragmented TCP SYNs to {@code mssClamp - 20}, since the IPv6 header is 20 bytes longer than
 * the IPv4 one that {@link L3Policy#mssClamp()} is counted for. Bytes past the payload length are
 * trimmed. The hop limit is checked, not decremented, as OpenVPN does.
 *
 * <p>Every instance keeps one ICMP token bucket, shared by the workers that use it.
 */
@Component(service = L3Protocol.class, property = {"culvert.name=ipv6"})
public final class Ipv6Protocol implements L3Protocol {
    public static final DropReason HOP_LIMIT_ZERO = DropReason.of("ipv6.hop-limit-zero");
    /** Source unspecified, loopback or multicast: no host sends from these through a tunnel. */
    public static final DropReason MARTIAN_SOURCE = DropReason.of("ipv6.martian-source");
    /** Destination unspecified or loopback. */
    public static final DropReason MARTIAN_DESTINATION = DropReason.of("ipv6.martian-destination");
    /** Larger than the tunnel MTU; answered with packet-too-big. */
    public static final DropReason TOO_BIG = DropReason.of("ipv6.too-big");

    /** How much longer the IPv6 header is than the IPv4 header that {@link L3Policy#mssClamp()} assumes. */
    static final int MSS_ADJUSTMENT = 20;

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private final Icmpv6ErrorWriter icmp;

    /** A thread's reused views. */
    private static final class Scratch {
        final Ipv6Header header = new Ipv6Header();
        final ExtensionHeaderChain chain = new ExtensionHeaderChain();
    }

    /** For Declarative Services and {@link java.util.ServiceLoader}: time from {@link System#nanoTime()}. */
    public Ipv6Protocol() {
        this(System::nanoTime);
    }

    /** With an injected clock (nanoseconds) for the ICMP rate limit. */
    public Ipv6Protocol(LongSupplier nanoClock) {
        this.icmp = new Icmpv6ErrorWriter(new TokenBucket(nanoClock));
    }

    @Override
    public int ipVersion() {
        return 6;
    }

    @Override
    public DropReason inspect(Packet packet, Side side, L3Metadata meta, L3Policy policy) {
        meta.clear();
        Scratch s = scratch.get();
        Ipv6Header header = s.header;
        DropReason malformed = header.wrap(packet);
        if (malformed != null) {
            return malformed;
        }
        if (header.hopLimit() == 0) {
            return HOP_LIMIT_ZERO;
        }
        int total = header.totalLength();
        if (total < packet.length()) {
            packet.setLength(total);
        }
        long sourceHi = header.sourceHi();
        long sourceLo = header.sourceLo();
        long destinationHi = header.destinationHi();
        long destinationLo = header.destinationLo();
        if (Ipv6Address.isUnspecified(sourceHi, sourceLo) || Ipv6Address.isLoopback(sourceHi, sourceLo)
                || Ipv6Address.isMulticast(sourceHi)) {
            return MARTIAN_SOURCE;
        }
        if (Ipv6Address.isUnspecified(destinationHi, destinationLo) || Ipv6Address.isLoopback(destinationHi, destinationLo)) {
            return MARTIAN_DESTINATION;
        }
        ExtensionHeaderChain chain = s.chain;
        DropReason badChain = chain.walk(header);
        if (badChain != null) {
            return badChain;
        }
        boolean fragment = chain.isFragment();
        meta.setIpv6(sourceHi, sourceLo, destinationHi, destinationLo, chain.upperProtocol(), chain.upperOffset(), fragment);
        if (total > Math.max(policy.mtu(), Icmpv6ErrorWriter.MIN_MTU)) {
            meta.setAnswer(IcmpError.PACKET_TOO_BIG);
            return TOO_BIG;
        }
        int clamp = policy.mssClamp() - MSS_ADJUSTMENT;
        if (clamp > 0 && !fragment && chain.upperProtocol() == ExtensionHeaderChain.TCP) {
            // A malformed TCP header is left for the receiving host to refuse (see TcpMssClamp).
            TcpMssClamp.clamp(packet, chain.upperOffset(), total - chain.upperOffset(), clamp);
        }
        return null;
    }

    @Override
    public DropReason writeIcmpError(Packet offending, IcmpError error, int nextHopMtu, L3Policy policy, Packet reply) {
        Scratch s = scratch.get();
        return icmp.write(offending, s.header, s.chain, error, nextHopMtu, policy, reply);
    }
}
