package dev.culvert.core.worker;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import java.io.IOException;
import java.util.List;

/** Writes each packet to the current worker's link number {@code link} (its TUN queue). */
public final class LinkSink implements Node {
    public static final DropReason WRITE_REFUSED = DropReason.of("link.write-refused");

    private final int link;

    public LinkSink(int link) {
        this.link = link;
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
            // Consume first: once the link accepts the packet it may already be back in the pool.
            out.consume(packet);
            boolean written;
            try {
                written = worker.link(link).write(packet);
            } catch (IOException e) {
                written = false;
            }
            if (!written) {
                out.drop(packet, WRITE_REFUSED);
            }
        }
    }
}
