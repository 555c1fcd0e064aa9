package dev.culvert.vpn.tunnel;

/**
 * The counters a node leaves in the log when it stops, so that nothing it dropped goes
 * unreported: its status report, one line per part (clients, gates, listeners, workers, each
 * graph node that counted anything), under one heading line. Written as one log message, so
 * that {@code mute} counts it once and a log file keeps its lines together; the log's format
 * dates each line.
 */
public final class StopSummary {
    /** The heading; every line of the report follows it indented. */
    public static final String HEADING = "stopping; the counters (nodes that counted nothing left out):";
    private static final System.Logger LOG = System.getLogger(StopSummary.class.getName());

    private StopSummary() {
    }

    /** The message for {@code status}: the heading, then each of its lines indented. */
    public static String of(String status) {
        StringBuilder out = new StringBuilder(HEADING);
        status.strip().lines().forEach(line -> out.append("\n  ").append(line));
        return out.toString();
    }

    /** Logs {@link #of} at INFO: 2.6 too is silent about its exit at verb 0. */
    public static void log(String status) {
        LOG.log(System.Logger.Level.INFO, of(status));
    }
}
