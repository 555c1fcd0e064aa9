package dev.culvert.core.worker;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import java.io.IOException;
import java.util.List;

/**
 * Queues each packet on the current worker's transport number {@code transport}, to the peer
 * whose handle is the packet's {@link Packet#flow()}. The worker flushes after the batch.
 */
public final class TransportSink implements Node {
    public static final DropReason SEND_REFUSED = DropReason.of("transport.send-refused");

    private final int transport;

    public TransportSink(int transport) {
        this.transport = transport;
    }

    @Override
    public List<String> ports() {
        return List.of();
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        Worker worker = Worker.current();
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            if (worker == null) {
                out.drop(packet, OwnerHandoff.NOT_ON_WORKER);
                continue;
            }
            out.consume(packet);
            boolean queued;
            try {
                queued = worker.transport(transport).send(packet, (int) packet.flow());
            } catch (IOException e) {
                queued = false;
            }
            if (!queued) {
                out.drop(packet, SEND_REFUSED);
            }
        }
    }
}
