package dev.culvert.vpn.tunnel;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import java.util.List;

/**
 * A tunnel node with one out port that handles each packet of a batch on its own, all at the
 * batch's one clock reading (key and replay state are read per packet, the time once).
 */
abstract class PacketAtATimeNode implements Node {
    private final List<String> ports;

    PacketAtATimeNode(String port) {
        this.ports = List.of(port);
    }

    @Override
    public final List<String> ports() {
        return ports;
    }

    @Override
    public final void process(PacketBatch batch, Emitter out) {
        long now = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            handle(batch.get(i), now, out);
        }
    }

    /** Forwards, consumes or drops {@code packet}, which arrived in a batch at {@code now}. */
    abstract void handle(Packet packet, long now, Emitter out);
}
