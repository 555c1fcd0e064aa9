package dev.culvert.vpn.runtime;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.vpn.session.DataPlane;
import java.util.function.Supplier;

/**
 * Seals inside packets for the peer with the session's current data keys and addresses them to
 * the peer's transport handle. Before the session has keys, packets are dropped with the data
 * plane's reason, counted.
 */
final class SealNode implements Node {
    static final DropReason NO_SESSION = DropReason.of("vpn.runtime.no-session");

    private final Supplier<DataPlane> dataPlane;
    private final int peerHandle;

    SealNode(Supplier<DataPlane> dataPlane, int peerHandle) {
        this.dataPlane = dataPlane;
        this.peerHandle = peerHandle;
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        DataPlane data = dataPlane.get();
        long now = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            if (data == null) {
                out.drop(packet, NO_SESSION);
                continue;
            }
            DropReason refused = data.seal(packet, now);
            if (refused != null) {
                out.drop(packet, refused);
                continue;
            }
            packet.setFlow(peerHandle);
            out.forward(packet);
        }
    }
}
