package dev.culvert.vpn.tunnel;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.packet.Packet;
import dev.culvert.vpn.wire.DataPacketView;

/**
 * What a role decides for {@link OpenNode}, on a worker: who sent a data packet, and where a
 * control packet goes. A client has one peer and one control strand; a server finds its client
 * by peer id or address, and meets strangers with its pre-authentication gate.
 */
public interface PeerDirectory {
    /**
     * The peer that sent the data packet {@code view} is wrapped on, or null after dropping the
     * packet with the reason why none did.
     */
    TunnelPeer sender(DataPacketView view, Packet packet, Emitter out);

    /** Drops a packet whose data head is malformed, with {@code why}, forgetting what its sender left behind. */
    void malformed(Packet packet, DropReason why, Emitter out);

    /** Takes a control packet to the control side (consuming it), or drops it with a reason. */
    void control(Packet packet, long nowNanos, Emitter out);
}
