package dev.culvert.vpn.tunnel;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.vpn.session.DataPlane;
import java.util.List;

/**
 * Seals inside packets for their peer with the peer's current data keys, in place, and tags each
 * with the peer's transport endpoint for the send node after it (port {@code sealed}). A packet
 * for no peer, or for one without keys yet, is dropped with that reason, counted. On a server this
 * runs on the peer's owner worker, so the peer's packet ids leave in order.
 */
public final class SealNode implements Node {
    /** Which peer an inside packet goes to. */
    @FunctionalInterface
    public interface PeerOf {
        /** The peer {@code packet} is for, or null if none. */
        TunnelPeer peerOf(Packet packet);
    }

    private static final List<String> PORTS = List.of("sealed");

    private final PeerOf peers;

    public SealNode(PeerOf peers) {
        this.peers = peers;
    }

    @Override
    public List<String> ports() {
        return PORTS;
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        long now = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            TunnelPeer peer = peers.peerOf(packet);
            DataPlane data = peer == null ? null : peer.data();
            if (data == null || !data.ready()) {
                out.drop(packet, peer == null ? TunnelDrops.NO_PEER : TunnelDrops.NO_KEYS);
                continue;
            }
            DropReason refused = data.seal(packet, now);
            if (refused != null) {
                out.drop(packet, refused);
                continue;
            }
            peer.sealed(packet.length());
            peer.addressTo(packet);
            out.forward(packet, 0);
        }
    }
}
