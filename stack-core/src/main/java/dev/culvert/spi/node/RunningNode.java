package dev.culvert.spi.node;

/** A node a {@link NodeRole} started. */
public interface RunningNode extends AutoCloseable {
    /** What it is doing, for {@code culvert:status}: state, peers, counters; one item a line. */
    String status();

    /** Stops it: notifies peers where the protocol says so, closes devices and sockets. */
    @Override
    void close();
}
