package dev.culvert.spi.node;

/** A node a {@link NodeRole} started. */
public interface RunningNode extends AutoCloseable {
    /** What it is doing, for {@code culvert:status}: state, peers, counters; one item a line. */
    String status();

    /**
     * Its tunnel sessions, for {@code culvert:sessions}: one line each with the peer's name, real
     * and virtual addresses, traffic and age. A node without sessions says so.
     */
    default String sessions() {
        return "this node has no tunnel sessions\n";
    }

    /** Stops it: notifies peers where the protocol says so, closes devices and sockets. */
    @Override
    void close();
}
