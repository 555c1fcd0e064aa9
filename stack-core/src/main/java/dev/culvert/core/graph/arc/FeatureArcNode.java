package dev.culvert.core.graph.arc;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.feature.Feature;
import java.util.List;

/**
 * One named insertion point of a graph: runs the {@link Feature}s bound at its arc on every
 * packet, best ranked first, and forwards what they all let through on its one port. A packet a
 * feature drops is counted at this node under the feature's reason; a feature that throws drops
 * only the packet it held, counted under {@code feature.<name>.failed}.
 *
 * <p>Features come and go through the {@code feature} slot while packets flow. A batch enters
 * the chain of features current when it starts and finishes on it; a change publishes a new
 * chain for the next batch and then waits, bounded, until the batches on the old one have left,
 * so a feature's bundle can go once {@link Slot#unbind} has returned.
 */
public final class FeatureArcNode implements Node, AutoCloseable {
    /** How long a change waits for batches on the old chain: far longer than any batch takes. */
    private static final long DRAIN_TIMEOUT_MILLIS = 5_000;

    private final String arc;
    private final Slot<Feature> slot;
    private final Runnable unsubscribe;
    private volatile FeatureChain chain;

    /** The node for {@code arc} (one of {@link dev.culvert.spi.feature.FeatureArcs}) over the registry's feature slot. */
    public FeatureArcNode(SlotRegistry registry, String arc) {
        this(registry.slot(SlotNames.FEATURE, Feature.class), arc);
    }

    public FeatureArcNode(Slot<Feature> slot, String arc) {
        this.arc = arc;
        this.slot = slot;
        this.chain = FeatureChain.of(slot, arc);
        this.unsubscribe = slot.onChange(s -> rebuild());
    }

    public String arc() {
        return arc;
    }

    /** The features this arc runs now, best ranked first. */
    public List<String> features() {
        return chain.names();
    }

    private void rebuild() {
        FeatureChain old;
        synchronized (this) {
            old = chain;
            chain = FeatureChain.of(slot, arc);
        }
        old.awaitDrained(DRAIN_TIMEOUT_MILLIS);
    }

    @Override
    public void process(PacketBatch batch, Emitter out) {
        if (chain.features.length == 0) {
            // Nothing bound (the usual case): no feature can be unbound under this batch, so
            // there is nothing to count ourselves in for; the packets go straight on.
            for (int i = 0; i < batch.size(); i++) {
                out.forward(batch.get(i));
            }
            return;
        }
        FeatureChain c = enter();
        try {
            for (int i = 0; i < batch.size(); i++) {
                Packet packet = batch.get(i);
                DropReason verdict = c.features.length == 0 ? null : c.apply(packet);
                if (verdict == null) {
                    out.forward(packet);
                } else {
                    out.drop(packet, verdict);
                }
            }
        } finally {
            c.exit();
        }
    }

    private FeatureChain enter() {
        while (true) {
            FeatureChain c = chain;
            c.enter();
            if (c == chain) {
                return c;
            }
            // Replaced between the read and the increment: the rebuild may already have seen no
            // users, so step out and take the new chain.
            c.exit();
        }
    }

    @Override
    public void close() {
        unsubscribe.run();
    }

    @Override
    public String toString() {
        return "arc " + arc + " " + chain.names();
    }
}
