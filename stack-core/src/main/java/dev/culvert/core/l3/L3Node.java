package dev.culvert.core.l3;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.L3Protocol;
import dev.culvert.spi.l3.Side;
import dev.culvert.spi.route.Router;
import java.util.List;

/**
 * The L3 check: reads each packet's version nibble and lets the protocol bound for that version
 * validate it. Valid packets leave through {@code accept}, with what the check learned carried in
 * {@link Packet#inside()}; ICMP errors the protocol asks for leave
 * through {@code icmp}, carrying the offending packet's ingress, and its source peer as their
 * destination peer, so the wiring can send them back towards the sender. Everything else is dropped with a reason.
 *
 * <p>The {@code l3} slot holds both protocols at once. Which one serves a version is worked out
 * when the slot changes, not per packet: the active binding if it speaks that version, else the
 * best-ranked one that does. A protocol unbound while a batch is inside may finish that batch; L3
 * protocols keep no per-packet state, so that is harmless.
 *
 * <p>Anti-spoofing: a packet that came out of a tunnel ({@link Side#TUNNEL}) carries its peer's
 * handle in {@link Packet#sourcePeer()}, set by the tunnel that opened it. When a {@link Router} is bound
 * in the {@code route} slot, a packet whose source address that router does not allow for that
 * peer ({@link Router#sourceAllowed}) is dropped as {@code l3.spoofed-source}, unanswered: its
 * source is a lie, so an error would go to the wrong host. An IPv6 link-local source the router
 * refuses ({@code fe80::/10}) is counted apart, as {@code l3.link-local-source}: a client's TUN
 * device sends its router solicitations from one, which no routed tunnel carries (2.6's server
 * drops them too, unlogged, multi.c), so they are neither news nor an attack. With no router bound,
 * nothing is routed anyway and the check is left to whoever routes.
 *
 * <p>One node serves one direction ({@link Side}); it may run on every worker at once.
 */
public final class L3Node implements Node, AutoCloseable {
    /** Port of valid packets. */
    public static final int ACCEPT = 0;
    /** Port of generated ICMP errors. */
    public static final int ICMP = 1;

    public static final DropReason EMPTY = DropReason.of("l3.empty");
    public static final DropReason BAD_VERSION = DropReason.of("l3.bad-version");
    public static final DropReason NO_IPV4_MODULE = DropReason.of("l3.ipv4.no-module");
    public static final DropReason NO_IPV6_MODULE = DropReason.of("l3.ipv6.no-module");
    /** A protocol threw, breaking its contract; the packet is dropped and the node carries on. */
    public static final DropReason PROTOCOL_FAILED = DropReason.of("l3.protocol-failed");
    /** A packet from a tunnel peer whose source address is not one of that peer's. */
    public static final DropReason SPOOFED_SOURCE = DropReason.of("l3.spoofed-source");
    /**
     * A packet from a tunnel peer with an IPv6 link-local source its router does not allow: the
     * peer's own device talking to its link (neighbour discovery), not a forged address.
     */
    public static final DropReason LINK_LOCAL_SOURCE = DropReason.of("l3.link-local-source");
    /** The router threw while checking a source, breaking its contract; the packet is dropped. */
    public static final DropReason ROUTER_FAILED = DropReason.of("l3.router-failed");

    private static final List<String> PORTS = List.of("accept", "icmp");

    private final L3Protocols protocols;
    private final Slot<Router> routes;
    private final Side side;
    private final boolean checkSources;
    private final ThreadLocal<L3Metadata> metadata = ThreadLocal.withInitial(L3Metadata::new);
    private volatile L3Policy policy;
    private volatile Router router;
    private final Runnable unsubscribeRoutes;

    /** A node that checks sources against the route slot's router for packets from tunnels. */
    public L3Node(SlotRegistry registry, Side side, L3Policy policy) {
        this(registry, side, policy, side == Side.TUNNEL);
    }

    /**
     * {@code checkSources}: whether packets from tunnels must come from their peer's own
     * addresses (a server's anti-spoofing). A client, whose one peer is the server and may send
     * from anywhere, and a plain relay, which has no peers, pass false.
     */
    public L3Node(SlotRegistry registry, Side side, L3Policy policy, boolean checkSources) {
        this.protocols = new L3Protocols(registry);
        this.side = side;
        this.checkSources = checkSources && side == Side.TUNNEL;
        this.policy = policy;
        this.routes = registry.slot(SlotNames.ROUTE, Router.class);
        unsubscribeRoutes = routes.onChange(s -> rebindRouter());
        rebindRouter();
    }

    private void rebindRouter() {
        router = routes.activeBinding().map(Binding::implementation).orElse(null);
    }

    /** Stops following the slots; called when the graph closes. */
    @Override
    public void close() {
        protocols.close();
        unsubscribeRoutes.run();
    }

    /** Replaces the policy; batches that start afterwards use the new one. */
    public void setPolicy(L3Policy policy) {
        this.policy = policy;
    }

    public L3Policy policy() {
        return policy;
    }

    public Side side() {
        return side;
    }

    @Override
    public List<String> ports() {
        return PORTS;
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        L3Policy current = policy;
        L3Protocol v4 = protocols.ipv4();
        L3Protocol v6 = protocols.ipv6();
        Router spoofCheck = checkSources ? router : null;
        L3Metadata meta = metadata.get();
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            if (packet.length() == 0) {
                out.drop(packet, EMPTY);
                continue;
            }
            int version = packet.getUnsignedByte(0) >>> 4;
            L3Protocol protocol;
            if (version == 4) {
                protocol = v4;
                if (protocol == null) {
                    out.drop(packet, NO_IPV4_MODULE);
                    continue;
                }
            } else if (version == 6) {
                protocol = v6;
                if (protocol == null) {
                    out.drop(packet, NO_IPV6_MODULE);
                    continue;
                }
            } else {
                out.drop(packet, BAD_VERSION);
                continue;
            }
            check(protocol, packet, meta, current, spoofCheck, out);
        }
    }

    private void check(L3Protocol protocol, Packet packet, L3Metadata meta, L3Policy current, Router spoofCheck, Emitter out) {
        meta.clear();
        DropReason reason;
        try {
            reason = protocol.inspect(packet, side, meta, current);
        } catch (RuntimeException e) {
            out.drop(packet, PROTOCOL_FAILED);
            return;
        }
        if (reason == null) {
            if (spoofCheck != null && !sourceAllowed(spoofCheck, packet, meta, out)) {
                return;
            }
            meta.copyTo(packet.inside()); // routing reads it there instead of parsing the header again
            out.forward(packet, ACCEPT);
            return;
        }
        IcmpError answer = meta.answer();
        if (answer != null) {
            answer(protocol, packet, answer, current, out);
        }
        out.drop(packet, reason);
    }

    /** Whether the packet's peer may use its source address; if not, the packet has been dropped. */
    private static boolean sourceAllowed(Router router, Packet packet, L3Metadata meta, Emitter out) {
        boolean allowed;
        try {
            allowed = router.sourceAllowed(packet.sourcePeer(), meta);
        } catch (RuntimeException e) {
            out.drop(packet, ROUTER_FAILED);
            return false;
        }
        if (!allowed) {
            out.drop(packet, isLinkLocalIpv6(meta) ? LINK_LOCAL_SOURCE : SPOOFED_SOURCE);
        }
        return allowed;
    }

    /** Whether the source is in {@code fe80::/10}. */
    private static boolean isLinkLocalIpv6(L3Metadata meta) {
        return meta.version() == 6 && (meta.srcHi() >>> 54) == 0x3FA;
    }

    /** Sends the ICMP error the protocol asked for, back where the offending packet came from: its sender is the one it is for. */
    private static void answer(L3Protocol protocol, Packet offending, IcmpError error, L3Policy current, Emitter out) {
        L3Protocols.answer(protocol, offending, error, current, out, ICMP, PROTOCOL_FAILED);
    }
}
