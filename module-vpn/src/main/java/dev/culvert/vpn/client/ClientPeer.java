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
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The client's one peer, the server, as its data path sees it: every data packet is the server's,
 * sealed and opened with the current session's keys; every control packet is copied and handed
 * to the session on its control strand, bounded, so the worker never waits for the control side.
 */
final class ClientPeer implements TunnelPeer, PeerDirectory {
    private final ControlStrand strand;
    private final Supplier<VpnSession> session;
    private final Consumer<VpnSession> afterReceive;
    private final IntSupplier endpoint;

    /**
     * @param session      the current session, or null between sessions
     * @param afterReceive runs on the strand after the session took a control packet (re-arms its timers)
     * @param endpoint     the server's handle on the current transport
     */
    ClientPeer(ControlStrand strand, Supplier<VpnSession> session, Consumer<VpnSession> afterReceive, IntSupplier endpoint) {
        this.strand = strand;
        this.session = session;
        this.afterReceive = afterReceive;
        this.endpoint = endpoint;
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
        return this;
    }

    @Override
    public void malformed(Packet packet, DropReason why, Emitter out) {
        out.drop(packet, why);
    }

    @Override
    public void control(Packet packet, long nowNanos, Emitter out) {
        // The control path may allocate; it carries a handful of packets per handshake.
        byte[] bytes = packet.toByteArray();
        boolean queued = strand.offer(() -> {
            VpnSession s = session.get();
            if (s != null) {
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
