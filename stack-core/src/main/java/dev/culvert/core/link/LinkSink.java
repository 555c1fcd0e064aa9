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
            Packet packet = batch.get(i);
            boolean taken;
            try {
                taken = link.write(packet);
            } catch (IOException e) {
                out.drop(packet, LINK_ERROR);
                continue;
            }
            if (taken) {
                out.consume(packet);
            } else {
                out.drop(packet, LINK_FULL);
            }
        }
    }
}
