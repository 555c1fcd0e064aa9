package dev.culvert.spi.link;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.io.IOException;
import java.util.Map;

/**
 * A packet interface on the inside of the stack: a TUN device queue or a virtual link. Each
 * packet is one IP packet, without any link-layer header.
 *
 * <p>What an implementation may assume: one worker thread reads a link and writes to it (a
 * multi-queue TUN device gives each worker its own queue).
 *
 * <p>What it must guarantee: {@link #read} never blocks; a write that cannot be queued is refused
 * with {@code false} so the caller counts the drop; the link takes ownership of every packet it
 * accepts and releases it once written (or copied into what it holds until {@link #flush}, which
 * the caller calls after each run of writes; a held packet it then fails to write it counts
 * itself, in {@link #dropCounts}).
 */
public interface Link extends AutoCloseable {
    String name();

    int mtu();

    /**
     * Moves up to {@code into}'s free room of waiting packets into it, taking buffers from
     * {@code pool}. Returns how many were read; 0 when none were waiting.
     */
    int read(PacketBatch into, PacketPool pool) throws IOException;

    /** Takes the packet for transmission. Returns false, leaving the packet with the caller, if it cannot. */
    boolean write(Packet packet) throws IOException;

    /**
     * The end of a run of writes: a link that holds written packets back to join them (a TUN
     * device joining TCP segments) writes them now. A link that writes each at once does nothing.
     */
    default void flush() throws IOException {
    }

    /** Packets this link dropped on its own, by reason name: none unless it says so. */
    default Map<String, Long> dropCounts() {
        return Map.of();
    }

    /** A line about this link for the node's status (its offloads, what they did); empty when it has nothing to say. */
    default String status() {
        return "";
    }

    /** Appends each link's {@link #status} line, indented, to a node's status report. */
    static void describe(StringBuilder out, Link... links) {
        if (links == null) {
            return;
        }
        for (Link link : links) {
            String line = link == null ? "" : link.status();
            if (!line.isEmpty()) {
                out.append("  ").append(line).append('\n');
            }
        }
    }

    @Override
    void close() throws IOException;
}
