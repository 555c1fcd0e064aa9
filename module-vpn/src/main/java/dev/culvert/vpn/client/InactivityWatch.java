package dev.culvert.vpn.client;

/**
 * 2.6's {@code inactive N [BYTES]} over one session (2.6 starts the timer again on every restart):
 * the timer runs from the session's start and from each time the tunnel traffic counted since the
 * last such time reached BYTES (any traffic at all when BYTES is 0); it expires N seconds after.
 * Fed the session's running total of tunnel bytes, both ways together, at each check.
 */
final class InactivityWatch {
    private static final long SECOND = 1_000_000_000L;

    private final long timeoutNanos;
    private final long minimumBytes;
    private long lastTotal;
    private long counted;
    private long activeAtNanos;

    InactivityWatch(int seconds, long minimumBytes, long startNanos) {
        if (seconds < 1 || minimumBytes < 0) {
            throw new IllegalArgumentException("inactive " + seconds + " " + minimumBytes);
        }
        this.timeoutNanos = seconds * SECOND;
        this.minimumBytes = minimumBytes;
        this.activeAtNanos = startNanos;
    }

    /** Starts over for a new session, whose total starts at 0. */
    void restart(long nowNanos) {
        lastTotal = 0;
        counted = 0;
        activeAtNanos = nowNanos;
    }

    /** Takes the session's tunnel bytes so far at {@code nowNanos}; whether the client has been inactive for too long. */
    boolean expired(long totalBytes, long nowNanos) {
        long delta = totalBytes - lastTotal;
        lastTotal = totalBytes;
        if (delta > 0) {
            counted += delta;
            if (counted >= minimumBytes) {
                counted = 0;
                activeAtNanos = nowNanos;
            }
        }
        return nowNanos - activeAtNanos >= timeoutNanos;
    }
}
