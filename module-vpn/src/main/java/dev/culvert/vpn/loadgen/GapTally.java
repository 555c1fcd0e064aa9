package dev.culvert.vpn.loadgen;

import java.util.Arrays;

/**
 * Keepalive figures over the idle window, from every client: the gaps between keepalives
 * received, how many were over their limit, the clients silent past their limit at the end, and
 * the keepalives received and sent. Thread-safe (the event loops add, the main thread reads).
 */
final class GapTally {
    private long[] gaps = new long[1024];
    private int count;
    private long late;
    private long silentAtEnd;
    private long longestNanos;
    private long received;
    private long sent;

    synchronized void gap(long nanos, long limitNanos) {
        if (count == gaps.length) {
            gaps = Arrays.copyOf(gaps, count * 2);
        }
        gaps[count++] = nanos;
        if (nanos > limitNanos) {
            late++;
        }
        longestNanos = Math.max(longestNanos, nanos);
    }

    synchronized void silentAtEnd(long nanos) {
        silentAtEnd++;
        longestNanos = Math.max(longestNanos, nanos);
    }

    synchronized void keepaliveReceived() {
        received++;
    }

    synchronized void keepaliveSent() {
        sent++;
    }

    synchronized int gapCount() {
        return count;
    }

    /** Gaps over their limit. */
    synchronized long late() {
        return late;
    }

    synchronized long silentAtEnd() {
        return silentAtEnd;
    }

    /** The longest gap or end silence seen, in nanoseconds. */
    synchronized long longestNanos() {
        return longestNanos;
    }

    synchronized long received() {
        return received;
    }

    synchronized long sent() {
        return sent;
    }

    /** The gap at percentile {@code p} (0..100) by the nearest-rank method, in nanoseconds; 0 without gaps. */
    synchronized long percentileNanos(double p) {
        return Percentiles.of(Arrays.copyOf(gaps, count), p);
    }
}
