package dev.culvert.core.worker;

/**
 * Which worker owns a tunnel peer (a packet's {@code destinationPeer}): the one that assigns its
 * packet ids and sends its packets. Must be a pure function of the peer while the worker count is
 * fixed; a negative answer means no owner, and the packet stays where it is.
 */
@FunctionalInterface
public interface FlowOwners {
    int ownerOf(long peer);

    /** Spreads peers evenly over {@code workers} workers by a mixed hash of the peer number. */
    static FlowOwners hashed(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers " + workers);
        }
        return peer -> {
            long x = peer * 0x9E3779B97F4A7C15L;
            x ^= x >>> 29;
            return (int) Long.remainderUnsigned(x, workers);
        };
    }
}
