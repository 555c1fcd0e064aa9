package dev.culvert.core.worker;

/** How many data-plane workers to run. */
public final class Workers {
    /** The system property that overrides the default count. */
    public static final String COUNT_PROPERTY = "culvert.workers";

    private Workers() {
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
