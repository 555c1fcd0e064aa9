package dev.culvert.vpn.tunnel;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.packet.Packet;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.VpnSession;
import dev.culvert.vpn.wire.DataPacketView;

/**
 * The first node after the network: sorts what arrives from peers. A data packet's head is
 * checked once ({@link DataPacketView}), its sender found by the role's {@link PeerDirectory},
 * and it is opened in place with that peer's keys: an inside packet leaves through port
 * {@code inside} tagged as the peer's; keepalives and OCC messages are consumed by the data plane.
 * A control packet goes to the role, which hands it to the control side (never run here).
 */
public final class OpenNode extends PacketAtATimeNode {
    private final PeerDirectory peers;
    private final DataPacketView view = new DataPacketView();

    public OpenNode(PeerDirectory peers) {
        super("inside");
        this.peers = peers;
    }

    @Override
    void handle(Packet packet, long now, Emitter out) {
        if (packet.length() == 0) {
            out.drop(packet, TunnelDrops.EMPTY);
        } else if (!VpnSession.isDataPacket(packet.getUnsignedByte(0))) {
            peers.control(packet, now, out);
        } else {
            DropReason malformed = view.wrap(packet);
            if (malformed != null) {
                peers.malformed(packet, malformed, out);
            } else {
                open(packet, now, out);
            }
        }
    }

    private void open(Packet packet, long now, Emitter out) {
        TunnelPeer peer = peers.sender(view, packet, out);
        if (peer == null) {
            return;
        }
        DataPlane data = peer.data();
        if (data == null) {
            out.drop(packet, TunnelDrops.NO_KEYS);
            return;
        }
        int length = packet.length();
        switch (data.open(packet, now)) {
            case TUNNEL -> {
                peer.opened(length);
                peer.tagInside(packet);
                out.forward(packet, 0);
            }
            case CONSUMED -> {
                peer.opened(length);
                out.consume(packet);
                packet.release();
            }
            case DROPPED -> out.drop(packet, data.lastDrop());
        }
    }
}
