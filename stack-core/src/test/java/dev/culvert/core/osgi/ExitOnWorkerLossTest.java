package dev.culvert.core.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.worker.Worker;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A lost worker stops the node, then ends the process with a status of its own. */
class ExitOnWorkerLossTest {
    @Test
    void itStopsTheNodeFirstThenExitsWithStatusFour() throws Exception {
        BlockingQueue<String> steps = new ArrayBlockingQueue<>(4);
        ExitOnWorkerLoss loss = new ExitOnWorkerLoss(() -> steps.add("node stopped"), status -> steps.add("exit " + status));
        Node sink = new Node() {
            @Override
            public List<String> ports() {
                return List.of();
            }

            @Override
            public void process(dev.culvert.core.packet.PacketBatch batch, dev.culvert.core.graph.Emitter out) {
            }
        };
        Worker worker = new Worker(0, "lost", Graph.builder().node("sink", sink).build(), new PacketPool("p", 1), 1);
        try {
            loss.lost(worker, new IllegalStateException("epoll went away"));
            assertEquals("node stopped", steps.poll(30, TimeUnit.SECONDS));
            assertEquals("exit 4", steps.poll(30, TimeUnit.SECONDS));
            assertTrue(steps.isEmpty());
        } finally {
            worker.close();
        }
    }
}
