package dev.culvert.vpn.client;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.packet.Packet;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.VpnSession;
import dev.culvert.vpn.tunnel.ControlStrand;
import dev.culvert.vpn.tunnel.PeerDirectory;
import dev.culvert.vpn.tunnel.TunnelDrops;
import dev.culvert.vpn.tunnel.TunnelPeer;
import dev.culvert.vpn.wire.DataPacketView;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The client's one peer, the server, as its data path sees it: every data packet is the server's,
 * sealed and opened with the current session's keys; every control packet is copied and handed
 * to the session on its control strand, bounded, so the worker never waits for the control side.
 * With {@code float}, a data packet that opens (authentic, not a replay) but came from another
 * address than the server's moves the client's sending there ({@code floatTo}).
 */
final class ClientPeer implements TunnelPeer, PeerDirectory {
    private final ControlStrand strand;
    private final Supplier<VpnSession> session;
    private final Consumer<VpnSession> afterReceive;
    private final IntSupplier endpoint;
    private final Consumer<Packet> floatTo;
    private final Consumer<InetSocketAddress> learn;
    private final FirstPeerGate strangers;
    /** The data packet being opened, between {@link #sender} and {@link #opened}, on the worker. */
    private Packet opening;

    /** A client's: its server is configured, so nothing is learned. */
    ClientPeer(ControlStrand strand, Supplier<VpnSession> session, Consumer<VpnSession> afterReceive, IntSupplier endpoint,
               Consumer<Packet> floatTo) {
        this(strand, session, afterReceive, endpoint, floatTo, null, null);
    }

    /**
     * @param session      the current session, or null between sessions
     * @param afterReceive runs on the strand after the session took a control packet (re-arms its timers)
     * @param endpoint     the server's handle on the current transport
     * @param floatTo      with {@code float}: takes an authentic data packet from another address (on the worker); else null
     * @param learn        for a peer not configured (a point-to-point TLS server without {@code remote}): told, on the
     *                     strand, the sender of a hard reset that passed {@code strangers} and reaches a session without
     *                     a peer yet, before the session takes it, so its answer goes there; else null
     * @param strangers    with {@code learn}: checks each control packet from another address than the peer's; a refused
     *                     one is dropped here, counted with its reason, so a stranger creates no state; else null
     */
    ClientPeer(ControlStrand strand, Supplier<VpnSession> session, Consumer<VpnSession> afterReceive, IntSupplier endpoint,
               Consumer<Packet> floatTo, Consumer<InetSocketAddress> learn, FirstPeerGate strangers) {
        if ((learn == null) != (strangers == null)) {
            throw new IllegalArgumentException("a peer that learns its peer needs a gate for strangers, and only it");
        }
        this.strangers = strangers;
        this.strand = strand;
        this.session = session;
        this.afterReceive = afterReceive;
        this.endpoint = endpoint;
        this.floatTo = floatTo;
        this.learn = learn;
    }

    @Override
    public DataPlane data() {
        VpnSession s = session.get();
        return s == null ? null : s.dataPlane();
    }

    @Override
    public void addressTo(Packet packet) {
        packet.setRemote(endpoint.getAsInt());
    }

    @Override
    public TunnelPeer sender(DataPacketView view, Packet packet, Emitter out) {
        opening = floatTo != null && packet.remote() != endpoint.getAsInt() ? packet : null;
        return this;
    }

    @Override
    public void opened(int bytes) {
        Packet from = opening;
        opening = null;
        if (from != null) {
            floatTo.accept(from);
        }
    }

    @Override
    public void malformed(Packet packet, DropReason why, Emitter out) {
        out.drop(packet, why);
    }

    @Override
    public void control(Packet packet, long nowNanos, Emitter out) {
        // The control path may allocate; it carries a handful of packets per handshake.
        byte[] bytes = packet.toByteArray();
        boolean fromPeer = packet.remote() >= 0 && packet.remote() == endpoint.getAsInt();
        InetSocketAddress from = null;
        if (strangers != null && !fromPeer) {
            FirstPeerGate.Fate fate = strangers.check(bytes, 0, bytes.length, packet.remoteAddress());
            if (fate == FirstPeerGate.Fate.REFUSED) {
                out.drop(packet, strangers.reason());
                return;
            }
            if (fate == FirstPeerGate.Fate.MAY_BECOME_PEER && packet.remoteAddress().isSet()) {
                from = packet.remoteAddress().toInetSocketAddress();
            }
        }
        InetSocketAddress candidate = from;
        boolean queued = strand.offer(() -> {
            VpnSession s = session.get();
            if (s != null) {
                if (candidate != null && s.peerSessionId() == null) {
                    // Until a session has its peer, an authentic hard reset's sender is answered; once it has one, nobody displaces it.
                    learn.accept(candidate);
                }
                s.receive(bytes, 0, bytes.length, System.nanoTime());
                afterReceive.accept(s);
            }
        });
        if (queued) {
            out.consume(packet);
            packet.release();
        } else {
            out.drop(packet, TunnelDrops.CONTROL_BACKLOG);
        }
    }
}
