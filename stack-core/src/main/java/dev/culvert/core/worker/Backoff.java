package dev.culvert.core.worker;

import java.util.concurrent.TimeUnit;

/**
 * A pause that grows while something keeps failing: {@link #FIRST_MILLIS} after the first failure
 * in a row, doubling with each further one, never more than {@link #MAX_MILLIS}. A success resets
 * it. Used for a source whose reads throw (it rests, then is polled again) and for a worker loop
 * that is restarted, so neither spins on a failure nor is given up after one.
 */
final class Backoff {
    static final long FIRST_MILLIS = 10;
    static final long MAX_MILLIS = 2_000;

    private int failuresInRow;
    private long until;

    /** Counts a failure at {@code nowNanos}; returns the pause before the next try, in nanoseconds. */
    long failed(long nowNanos) {
        failuresInRow++;
        long pause = pauseNanos(failuresInRow);
        until = nowNanos + pause;
        return pause;
    }

    /** The thing worked again: the next failure starts from the first pause. */
    void succeeded() {
        failuresInRow = 0;
    }

    /** Failures since the last success. */
    int failuresInRow() {
        return failuresInRow;
    }

    /** Whether the pause after the last failure has passed at {@code nowNanos}. */
    boolean due(long nowNanos) {
        return nowNanos - until >= 0;
    }

    /** Nanoseconds left of the pause at {@code nowNanos}; 0 once due. */
    long remainingNanos(long nowNanos) {
        return Math.max(0, until - nowNanos);
    }

    /** The pause after the {@code n}-th failure in a row. */
    static long pauseNanos(int n) {
        long millis = FIRST_MILLIS << Math.min(n - 1, 20);
        return TimeUnit.MILLISECONDS.toNanos(Math.min(millis, MAX_MILLIS));
    }
}
