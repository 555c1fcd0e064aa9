package dev.culvert.vpn.server;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.worker.TransportSink;
import java.util.List;

/**
 * Sends sealed packets on this worker's socket of the client's listener (the packet's egress) to
 * the client's remote handle: the core's {@link TransportSink} does it, with its drop reasons.
 */
final class SendNode implements Node {
    private final Node sink = TransportSink.toEgress();

    @Override
    public List<String> ports() {
        return sink.ports();
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        sink.process(batch, out);
    }
}
