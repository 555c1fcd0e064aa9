package dev.culvert.core.graph.arc;

import dev.culvert.core.graph.Graph;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.feature.Feature;
import dev.culvert.spi.feature.FeatureArcs;

/**
 * The arc nodes every role's graph has, by the names it wires them with. A role adds them all
 * with {@link #addTo} and wires each between the two kernel nodes the arc stands between.
 */
public final class ArcNodes {
    /** {@link FeatureArcs#AFTER_INSIDE_L3}'s node: after the inside link's L3 check. */
    public static final String AFTER_INSIDE_L3 = FeatureArcs.nodeName(FeatureArcs.AFTER_INSIDE_L3);
    /** {@link FeatureArcs#BEFORE_SEAL}'s node: before compression and sealing. */
    public static final String BEFORE_SEAL = FeatureArcs.nodeName(FeatureArcs.BEFORE_SEAL);
    /** {@link FeatureArcs#AFTER_OPEN}'s node: after opening and decompression, before the L3 check. */
    public static final String AFTER_OPEN = FeatureArcs.nodeName(FeatureArcs.AFTER_OPEN);

    private ArcNodes() {
    }

    /**
     * Adds a {@link FeatureArcNode} for every arc of {@link FeatureArcs#ALL}, named
     * {@code arc.<name>}, each wired on to the node given for it. The role wires what leads into
     * each arc: the inside L3 check's accepted packets into {@link #AFTER_INSIDE_L3}, packets
     * bound for a peer into {@link #BEFORE_SEAL}, opened packets into {@link #AFTER_OPEN}.
     */
    public static Graph.Builder addTo(Graph.Builder builder, SlotRegistry registry, String afterInsideL3Next,
                                      String beforeSealNext, String afterOpenNext) {
        return addTo(builder, registry.slot(SlotNames.FEATURE, Feature.class), afterInsideL3Next, beforeSealNext, afterOpenNext);
    }

    /** {@link #addTo(Graph.Builder, SlotRegistry, String, String, String)} over the features bound in {@code features}. */
    public static Graph.Builder addTo(Graph.Builder builder, Slot<Feature> features, String afterInsideL3Next,
                                      String beforeSealNext, String afterOpenNext) {
        for (String arc : FeatureArcs.ALL) {
            builder.node(FeatureArcs.nodeName(arc), new FeatureArcNode(features, arc));
        }
        return builder.wire(AFTER_INSIDE_L3, afterInsideL3Next)
                .wire(BEFORE_SEAL, beforeSealNext)
                .wire(AFTER_OPEN, afterOpenNext);
    }
}
