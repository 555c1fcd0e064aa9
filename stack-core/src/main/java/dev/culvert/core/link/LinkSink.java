package dev.culvert.core.link;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.graph.WorkerContext;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.spi.link.Link;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The graph's exit onto a link: hands each packet to the link, or counts why it could not. The
 * link is either one fixed link ({@link #LinkSink(Link)}, for a stack with its own loop) or the
 * running worker's link by number ({@link #ofWorker(int)}, its TUN queue), so one graph serves
 * every worker of a group.
 */
public final class LinkSink implements Node {
    /** A fixed link would not take the packet (its queue is full). */
    public static final DropReason LINK_FULL = DropReason.of("link.full");
    public static final DropReason LINK_ERROR = DropReason.of("link.write-error");
    /** The worker's link would not take the packet. */
    public static final DropReason WRITE_REFUSED = DropReason.of("link.write-refused");
    /** The worker has no link with this sink's number: a wiring mistake, counted. */
    public static final DropReason NO_SUCH_LINK = DropReason.of("worker.no-such-link");
    /** A sink of the worker's link ran where no worker runs the graph. */
    public static final DropReason NOT_ON_WORKER = DropReason.of("worker.not-on-worker");

    private final Link fixed;
    private final int number;

    public LinkSink(Link link) {
        this.fixed = Objects.requireNonNull(link, "link");
        this.number = -1;
    }

    private LinkSink(int number) {
        this.fixed = null;
        this.number = number;
    }

    /** A sink onto link number {@code number} of the worker that runs it. */
    public static LinkSink ofWorker(int number) {
        return new LinkSink(number);
    }

    @Override
    public List<String> ports() {
        return List.of();
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        if (fixed != null) {
            for (int i = 0; i < batch.size(); i++) {
                handOver(fixed, batch.get(i), out, LINK_FULL);
            }
            flush(fixed);
            return;
        }
        WorkerContext worker = out.worker();
        Link target = worker.linkOrNull(number);
        for (int i = 0; i < batch.size(); i++) {
            Packet packet = batch.get(i);
            if (target == null) {
                out.drop(packet, worker.isWorker() ? NO_SUCH_LINK : NOT_ON_WORKER);
            } else {
                handOver(target, packet, out, WRITE_REFUSED);
            }
        }
        if (target != null) {
            flush(target);
        }
    }

    /** Ends the batch's run of writes; what the link held and could not write, it has counted. */
    private static void flush(Link link) {
        try {
            link.flush();
        } catch (IOException | RuntimeException e) {
            // Counted by the link as its own drops; the packets left the graph when it took them.
        }
    }

    /**
     * Gives one packet to a link: consumed first (once the link has it, it may already be back in
     * the pool), then counted as {@code refusal} if the link would not take it.
     */
    private static void handOver(Link link, Packet packet, Emitter out, DropReason refusal) {
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
