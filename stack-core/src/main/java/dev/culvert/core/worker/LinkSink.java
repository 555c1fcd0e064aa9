package dev.culvert.core.worker;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.spi.link.Link;
import java.util.List;

/** Writes each packet to the current worker's link number {@code link} (its TUN queue). */
public final class LinkSink implements Node {
    public static final DropReason WRITE_REFUSED = DropReason.of("link.write-refused");
    /** The worker has no link with this sink's number: a wiring mistake, counted. */
    public static final DropReason NO_SUCH_LINK = DropReason.of("worker.no-such-link");

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
        Link target = worker == null ? null : worker.linkOrNull(link);
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            if (target == null) {
                out.drop(packet, worker == null ? OwnerHandoff.NOT_ON_WORKER : NO_SUCH_LINK);
                continue;
            }
            dev.culvert.core.link.LinkSink.handOver(target, packet, out, WRITE_REFUSED);
        }
    }
}
