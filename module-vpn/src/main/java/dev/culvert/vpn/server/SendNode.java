package dev.culvert.vpn.server;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.worker.Worker;
import dev.culvert.spi.transport.Transport;
import java.io.IOException;
import java.util.List;

/**
 * Sends sealed packets on this worker's socket of the client's listener; the flow carries the
 * listener in its high half and the peer handle in its low half ({@link ClientTable#endpoint}).
 * The worker flushes its transports after the batch.
 */
final class SendNode implements Node {
    @Override
    public List<String> ports() {
        return List.of();
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        Worker worker = Worker.current();
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            long flow = packet.flow();
            Transport transport = worker == null ? null : worker.transportOrNull((int) (flow >>> 32));
            if (transport == null) {
                out.drop(packet, ServerDrops.NO_TRANSPORT);
                continue;
            }
            try {
                if (transport.send(packet, (int) flow)) {
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
