package dev.culvert.vpn.tunnel;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.packet.Packet;
import dev.culvert.vpn.session.DataPlane;

/**
 * Seals inside packets for their peer with the peer's current data keys, in place, and tags each
 * with the peer's transport endpoint for the send node after it (port {@code sealed}). Under
 * {@code fragment}, a packet too large for one datagram leaves as its sealed parts, in order, and
 * is itself consumed. A packet
 * for no peer, or for one without keys yet, is dropped with that reason, counted. On a server this
 * runs on the peer's owner worker, so the peer's packet ids leave in order.
 */
public final class SealNode extends PacketAtATimeNode {
    /** Which peer an inside packet goes to. */
    @FunctionalInterface
    public interface PeerOf {
        /** The peer {@code packet} is for, or null if none. */
        TunnelPeer peerOf(Packet packet);
    }

    private final PeerOf peers;

    public SealNode(PeerOf peers) {
        super("sealed");
        this.peers = peers;
    }

    @Override
    void handle(Packet packet, long now, Emitter out) {
        TunnelPeer peer = peers.peerOf(packet);
        DataPlane data = peer == null ? null : peer.data();
        if (data == null || !data.ready()) {
            out.drop(packet, peer == null ? TunnelDrops.NO_PEER : TunnelDrops.NO_KEYS);
            return;
        }
        if (data.mustSplit(packet)) {
            DropReason refused = data.sealParts(packet, now, part -> {
                peer.sealed(part.length());
                peer.addressTo(part);
                out.forward(part, 0);
            });
            if (refused != null) {
                out.drop(packet, refused);
            } else {
                out.consume(packet);
                packet.release();
            }
            return;
        }
        DropReason refused = data.seal(packet, now);
        if (refused != null) {
            out.drop(packet, refused);
            return;
        }
        peer.sealed(packet.length());
        peer.addressTo(packet);
        out.forward(packet, 0);
    }
}
