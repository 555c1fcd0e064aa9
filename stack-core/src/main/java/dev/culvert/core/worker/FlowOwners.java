package dev.culvert.core.worker;

/**
 * Which worker owns a flow (a peer): the one that assigns its packet ids and sends its packets.
 * Must be a pure function of the flow while the worker count is fixed.
 */
@FunctionalInterface
public interface FlowOwners {
    int ownerOf(long flow);

    /** Spreads flows evenly over {@code workers} workers by a mixed hash of the flow tag. */
    static FlowOwners hashed(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers " + workers);
        }
        return flow -> {
            long x = flow * 0x9E3779B97F4A7C15L;
            x ^= x >>> 29;
            return (int) Long.remainderUnsigned(x, workers);
        };
    }
}
