package dev.culvert.vpn.loadgen;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample. */
final class Percentiles {
    private Percentiles() {
    }

    /** The value at percentile {@code p} (0..100) of {@code values} (sorted here, in place); 0 for none. */
    static long of(long[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        Arrays.sort(values);
        int rank = (int) Math.ceil(p / 100.0 * values.length);
        return values[Math.min(values.length, Math.max(1, rank)) - 1];
    }
}
