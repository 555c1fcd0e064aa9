package dev.culvert.vpn.loadgen;

import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run. Times in milliseconds; keepalive figures over the idle window only.
 *
 * @param lateGaps        gaps between two keepalives over the ping interval plus the slack
 * @param silentAtEnd     clients that had heard no keepalive for longer than that when the window closed
 * @param pingRestarts    connected clients whose session ended because the server fell silent for ping-restart seconds
 * @param heapUsedKiB     this JVM's heap in use after a full collection, with the clients connected
 * @param cpuSeconds      this JVM's CPU time over the idle window, or -1 where the JVM does not tell
 * @param notReceived     datagrams that arrived and were not taken, by reason
 */
public record LoadResult(int clients, int connected, long failed, Map<String, Long> failures, long lost, Map<String, Long> losses,
                         long connectP50Ms, long connectP99Ms, long connectMaxMs, double windowSeconds, long keepalivesReceived,
                         long keepalivesSent, int gaps, long gapP50Ms, long gapP99Ms, long gapMaxMs, long lateGaps, long silentAtEnd,
                         long pingRestarts, long sendsRefused, long heapUsedKiB, double cpuSeconds,
                         Map<String, Long> notReceived) {

    /** How many datagrams arrived and were not taken, whatever the reason. */
    long notReceivedCount() {
        return notReceived.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The report, a few lines for people and a last {@code summary} line of key=value pairs for scripts. */
    String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "clients    %d: connected %d, failed %d, lost after connecting %d (ping-restart %d)%n",
                clients, connected, failed, lost, pingRestarts));
        failures.forEach((why, n) -> b.append(String.format(Locale.ROOT, "  failed %6d  %s%n", n, why)));
        losses.forEach((why, n) -> b.append(String.format(Locale.ROOT, "  lost   %6d  %s%n", n, why)));
        b.append(String.format(Locale.ROOT, "connect    p50 %d ms, p99 %d ms, max %d ms%n", connectP50Ms, connectP99Ms, connectMaxMs));
        b.append(String.format(Locale.ROOT, "keepalive  over %.1f s: %d received from the server, %d sent; %d gaps: p50 %d ms, p99 %d ms, max %d ms;"
                + " late %d, silent at the end %d%n", windowSeconds, keepalivesReceived, keepalivesSent, gaps, gapP50Ms, gapP99Ms,
                gapMaxMs, lateGaps, silentAtEnd));
        b.append(String.format(Locale.ROOT, "generator  heap %d KiB after GC (%.1f KiB per connected client), CPU %.2f s over the window, "
                + "%d datagrams not sent, %d not taken%n", heapUsedKiB, connected == 0 ? 0.0 : heapUsedKiB / (double) connected, cpuSeconds,
                sendsRefused, notReceivedCount()));
        notReceived.forEach((why, n) -> b.append(String.format(Locale.ROOT, "  not taken %6d  %s%n", n, why)));
        b.append(String.format(Locale.ROOT, "summary clients=%d connected=%d failed=%d lost=%d ping_restarts=%d connect_p50_ms=%d "
                        + "connect_p99_ms=%d connect_max_ms=%d window_s=%.1f ka_received=%d ka_sent=%d gaps=%d gap_p50_ms=%d "
                        + "gap_p99_ms=%d gap_max_ms=%d late=%d silent_at_end=%d not_sent=%d not_received=%d heap_kib=%d cpu_s=%.2f%n",
                clients, connected, failed, lost, pingRestarts, connectP50Ms, connectP99Ms, connectMaxMs, windowSeconds,
                keepalivesReceived, keepalivesSent, gaps, gapP50Ms, gapP99Ms, gapMaxMs, lateGaps, silentAtEnd, sendsRefused,
                notReceivedCount(), heapUsedKiB, cpuSeconds));
        return b.toString();
    }
}
