package dev.culvert.core.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of drops a component decides on outside the graph, by reason, for a fixed set of
 * reasons: counting is an array index, not a map lookup, and a reason outside the set is a bug
 * that fails loudly rather than a drop nobody sees.
 */
public class DropTally {
    private final DropReason[] reasons;
    private final LongAdder[] counts;

    public DropTally(DropReason... reasons) {
        this.reasons = reasons.clone();
        this.counts = new LongAdder[reasons.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void count(DropReason reason, long n) {
        counts[indexOf(reason)].add(n);
    }

    public long get(DropReason reason) {
        for (int i = 0; i < reasons.length; i++) {
            if (reasons[i] == reason) {
                return counts[i].sum();
            }
        }
        return 0;
    }

    public long total() {
        long total = 0;
        for (LongAdder c : counts) {
            total += c.sum();
        }
        return total;
    }

    /** The non-zero counts by reason name, for reports. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < reasons.length; i++) {
            long n = counts[i].sum();
            if (n != 0) {
                out.put(reasons[i].name(), n);
            }
        }
        return out;
    }

    private int indexOf(DropReason reason) {
        for (int i = 0; i < reasons.length; i++) {
            if (reasons[i] == reason) {
                return i;
            }
        }
        throw new IllegalArgumentException("not one of " + getClass().getSimpleName() + "'s reasons: " + reason);
    }
}
