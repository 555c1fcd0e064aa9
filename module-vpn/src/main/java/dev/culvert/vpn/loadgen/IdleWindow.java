package dev.culvert.vpn.loadgen;

/**
 * The measured stretch of a run, once every client connected or gave up: its start and end in
 * {@link System#nanoTime} terms, set by the generator's main thread and read by the event loops.
 */
final class IdleWindow {
    private volatile long start;
    private volatile long end;
    private volatile boolean open;
    private volatile boolean closed;

    void open(long nowNanos) {
        start = nowNanos;
        open = true;
    }

    void close(long nowNanos) {
        end = nowNanos;
        closed = true;
    }

    /** Whether {@code nowNanos} falls within the window (open, and not after its end). */
    boolean contains(long nowNanos) {
        return open && nowNanos - start >= 0 && !(closed && nowNanos - end > 0);
    }

    long startNanos() {
        return start;
    }

    long endNanos() {
        return end;
    }

    double seconds() {
        return (end - start) / 1e9;
    }
}
