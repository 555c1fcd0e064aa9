package dev.culvert.core.worker;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.PacketBatch;

/** Small graphs for worker tests. */
final class WorkerFixtures {
    private WorkerFixtures() {
    }

    /** Forwards every packet unchanged. */
    static final class Pass implements Node {
        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                out.forward(batch.get(i));
            }
        }
    }

    /** "from-udp" → "echo": sends each datagram back to its sender through the worker's socket 0. */
    static Graph echoGraph() {
        return Graph.builder()
                .node("from-udp", new Pass())
                .node("echo", new TransportSink(0))
                .wire("from-udp", "echo")
                .build();
    }
}
