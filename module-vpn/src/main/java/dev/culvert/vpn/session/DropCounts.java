package dev.culvert.vpn.session;

import dev.culvert.core.graph.DropReason;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of refused packets by reason, shared by the control and data sides of a session (so
 * updates are thread-safe); the counter of a reason is made once and reused, so counting allocates
 * nothing after the first drop of each kind.
 */
public final class DropCounts {
    private final ConcurrentHashMap<DropReason, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one drop for {@code reason}; null is ignored (it means "taken"). */
    public void count(DropReason reason) {
        if (reason != null) {
            counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
        }
    }

    public long get(DropReason reason) {
        LongAdder a = counts.get(reason);
        return a == null ? 0 : a.sum();
    }

    public long total() {
        long n = 0;
        for (LongAdder a : counts.values()) {
            n += a.sum();
        }
        return n;
    }

    /** A sorted copy, by reason name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((r, a) -> out.put(r.name(), a.sum()));
        return out;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
