package dev.culvert.core.graph.arc;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.Slot;
import dev.culvert.spi.feature.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The features bound at one arc at one moment, best ranked first, and the batches using them.
 * Immutable but for its counters: a change of features makes a new chain, and the old one is
 * let go once its users have left, as a {@link Slot} lets an unbound implementation go.
 */
final class FeatureChain {
    private static final System.Logger LOG = System.getLogger(FeatureChain.class.getName());

    final Feature[] features;
    private final String[] names;
    private final DropReason[] failed;
    private final AtomicLongArray failures;
    private final AtomicInteger users = new AtomicInteger();

    private FeatureChain(List<Binding<Feature>> bound) {
        int n = bound.size();
        this.features = new Feature[n];
        this.names = new String[n];
        this.failed = new DropReason[n];
        this.failures = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            features[i] = bound.get(i).implementation();
            names[i] = bound.get(i).name();
            failed[i] = failureReason(names[i]);
        }
    }

    /** The features of {@code slot} that joined {@code arc}, in the slot's order (ranking, then arrival). */
    static FeatureChain of(Slot<Feature> slot, String arc) {
        List<Binding<Feature>> bound = new ArrayList<>();
        for (Binding<Feature> b : slot.all()) {
            if (arc.equals(b.implementation().arc())) {
                bound.add(b);
            }
        }
        return new FeatureChain(bound);
    }

    /** The reason a packet is counted under when the named feature threw on it. */
    static DropReason failureReason(String featureName) {
        String name = "feature." + featureName + ".failed";
        return DropReason.of(name.length() <= 80 ? name : name.substring(0, 73) + ".failed");
    }

    /** Raises the user count; the caller checks the chain is still current and else steps out. */
    void enter() {
        users.incrementAndGet();
    }

    void exit() {
        users.decrementAndGet();
    }

    /**
     * Runs every feature on {@code packet} in order. Returns {@code null} if all let it go on,
     * else the reason it is dropped: the first feature's that said so, or that feature's failure
     * reason if it threw.
     */
    DropReason apply(Packet packet) {
        for (int i = 0; i < features.length; i++) {
            DropReason verdict;
            try {
                verdict = features[i].apply(packet);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                if (failures.getAndIncrement(i) == 0) {
                    LOG.log(System.Logger.Level.ERROR, "feature " + names[i] + " threw; the packet it held is dropped as "
                            + failed[i] + " (logged once per feature, counted always)", e);
                }
                return failed[i];
            }
            if (verdict != null) {
                return verdict;
            }
        }
        return null;
    }

    /** Waits, bounded, until no batch still uses this chain. False if some were still inside at the end. */
    boolean awaitDrained(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (users.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }

    /** {@code [name, name]} best first, for status. */
    List<String> names() {
        return List.of(names);
    }
}
