package dev.culvert.vpn.loadgen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the clients fared: connected (with the time each took from its first packet to its data
 * keys), failed before connecting (by reason), lost after connecting (by reason, ping-restart
 * apart), what could not be sent, and what arrived but was not taken (by reason). Thread-safe (the event loops add, the main thread reads).
 */
final class ConnectTally {
    /** What a failure reason is cut to, so that a peer's long text cannot grow the table. */
    private static final int REASON_MAX = 120;
    /** Failed clients whose session's progress is kept for the report: enough to see a pattern, bounded whatever fails. */
    static final int DETAILS_KEPT = 10;

    private long[] connectNanos = new long[1024];
    private int connected;
    private final Map<String, Long> failed = new TreeMap<>();
    private final List<String> failedDetails = new ArrayList<>();
    private final Map<String, Long> lost = new TreeMap<>();
    private long pingRestarts;
    private long sendsRefused;
    private final Map<String, Long> notReceived = new TreeMap<>();

    synchronized void connected(long nanos) {
        if (connected == connectNanos.length) {
            connectNanos = Arrays.copyOf(connectNanos, connected * 2);
        }
        connectNanos[connected++] = nanos;
    }

    /** A client gave up before it connected. */
    synchronized void failed(String reason) {
        failed(reason, null);
    }

    /**
     * A client gave up before it connected; {@code progress}, if not null, says where its session
     * stood ({@link dev.culvert.vpn.session.VpnSession#progress}). The first {@value #DETAILS_KEPT} are kept.
     */
    synchronized void failed(String reason, String progress) {
        failed.merge(shorten(reason), 1L, Long::sum);
        if (progress != null && failedDetails.size() < DETAILS_KEPT) {
            failedDetails.add(shorten(reason) + " -- " + progress);
        }
    }

    /** Where the first failed clients' sessions stood when they gave up. */
    synchronized List<String> failedDetails() {
        return List.copyOf(failedDetails);
    }

    /** A connected client's session ended; {@code pingRestart}: the server fell silent for ping-restart seconds. */
    synchronized void lost(String reason, boolean pingRestart) {
        if (pingRestart) {
            pingRestarts++;
        }
        lost.merge(shorten(reason), 1L, Long::sum);
    }

    /** A datagram the socket did not take (its buffer full, or an error). */
    synchronized void sendRefused() {
        sendsRefused++;
    }

    /** A datagram that arrived and was not taken: no packet buffer free, or the data channel refused it. */
    synchronized void notReceived(String reason) {
        notReceived.merge(shorten(reason), 1L, Long::sum);
    }

    synchronized Map<String, Long> notReceived() {
        return new TreeMap<>(notReceived);
    }

    synchronized int connected() {
        return connected;
    }

    synchronized long failedCount() {
        return failed.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized long lostCount() {
        return lost.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized Map<String, Long> failures() {
        return new TreeMap<>(failed);
    }

    synchronized Map<String, Long> losses() {
        return new TreeMap<>(lost);
    }

    synchronized long pingRestarts() {
        return pingRestarts;
    }

    synchronized long sendsRefused() {
        return sendsRefused;
    }

    /** The connect time at percentile {@code p} (0..100), in nanoseconds. */
    synchronized long connectPercentileNanos(double p) {
        return Percentiles.of(Arrays.copyOf(connectNanos, connected), p);
    }

    private static String shorten(String reason) {
        String one = reason == null ? "unknown" : reason.replace('\n', ' ');
        return one.length() <= REASON_MAX ? one : one.substring(0, REASON_MAX) + "...";
    }
}
