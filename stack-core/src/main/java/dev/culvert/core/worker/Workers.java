package dev.culvert.core.worker;

/** How many data-plane workers to run, and in which scheduling class. */
public final class Workers {
    /** The system property that overrides the default count. */
    public static final String COUNT_PROPERTY = "culvert.workers";

    /** The system property that sets the default scheduling: {@code realtime} (the default) or {@code normal}. */
    public static final String SCHEDULING_PROPERTY = "culvert.worker-scheduling";
    /** The realtime priority a light worker takes: the lowest, so any realtime thread the host runs comes first. */
    public static final int REALTIME_PRIORITY = 1;
    private static volatile Boolean realtimeChosen;

    private Workers() {
    }

    /**
     * Whether workers started from now on ask for the realtime class while they are light
     * ({@link RealtimeWhileLight}): what {@link #chooseRealtime} last said, else
     * {@value #SCHEDULING_PROPERTY}, else yes.
     */
    public static boolean realtimeWanted() {
        Boolean chosen = realtimeChosen;
        if (chosen != null) {
            return chosen;
        }
        String property = System.getProperty(SCHEDULING_PROPERTY, "realtime").trim();
        return switch (property) {
            case "realtime" -> true;
            case "normal" -> false;
            default -> throw new IllegalArgumentException(SCHEDULING_PROPERTY + "=" + property + ": must be realtime or normal");
        };
    }

    /** Sets the scheduling of workers started from now on; null goes back to the default. */
    public static void chooseRealtime(Boolean realtime) {
        realtimeChosen = realtime;
    }

    /** {@code culvert.workers} if set, else one per core. */
    public static int defaultCount() {
        String configured = System.getProperty(COUNT_PROPERTY);
        if (configured != null) {
            int n = Integer.parseInt(configured.trim());
            if (n < 1 || n > 1024) {
                throw new IllegalArgumentException(COUNT_PROPERTY + "=" + configured + ": must be 1..1024");
            }
            return n;
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
