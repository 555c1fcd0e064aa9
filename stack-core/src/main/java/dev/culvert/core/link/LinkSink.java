package dev.culvert.core.link;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.spi.link.Link;
import java.io.IOException;
import java.util.List;

/** The graph's exit onto a link: hands each packet to the link, or counts why it could not. */
public final class LinkSink implements Node {
    public static final DropReason LINK_FULL = DropReason.of("link.full");
    public static final DropReason LINK_ERROR = DropReason.of("link.write-error");

    private final Link link;

    public LinkSink(Link link) {
        this.link = link;
    }

    @Override
    public List<String> ports() {
        return List.of();
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        for (int i = 0; i < batch.size(); i++) {
            handOver(link, batch.get(i), out, LINK_FULL);
        }
    }

    /**
     * Gives one packet to a link: consumed first (once the link has it, it may already be back in
     * the pool), then counted as {@code refusal} if the link would not take it.
     */
    public static void handOver(Link link, Packet packet, Emitter out, DropReason refusal) {
        out.consume(packet);
        boolean taken;
        try {
            taken = link.write(packet);
        } catch (IOException | RuntimeException e) {
            out.refused(packet, LINK_ERROR);
            return;
        }
        if (!taken) {
            out.refused(packet, refusal);
        }
    }
}
