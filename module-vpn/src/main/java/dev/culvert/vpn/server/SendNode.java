package dev.culvert.vpn.server;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.graph.WorkerContext;
import dev.culvert.spi.transport.Transport;
import java.io.IOException;
import java.util.List;

/**
 * Sends sealed packets on this worker's socket of the client's listener (the packet's egress) to
 * the client's remote handle. The worker flushes its transports after the batch.
 */
final class SendNode implements Node {
    @Override
    public List<String> ports() {
        return List.of();
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        WorkerContext worker = out.worker();
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            Transport transport = worker.transportOrNull(packet.egress());
            if (transport == null) {
                out.drop(packet, ServerDrops.NO_TRANSPORT);
                continue;
            }
            try {
                if (transport.send(packet, packet.remote())) {
                    out.consume(packet);
                } else {
                    out.drop(packet, ServerDrops.SEND_REFUSED);
                }
            } catch (IOException e) {
                out.drop(packet, ServerDrops.SEND_REFUSED);
            }
        }
    }
}
