package dev.culvert.spi.feature;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;

/**
 * A module's step at one of the graph's named insertion points (a feature arc, as VPP has them):
 * a packet filter, a counter, a marker. The kernel runs every feature bound at an arc in ranking
 * order (highest {@code service.ranking} first) on each packet that reaches the arc; a module
 * adds one by registering this service, without a change to the kernel or to the graph.
 *
 * <p>What an implementation may assume: {@link #apply} is called for one packet at a time, but
 * from every data-plane worker at once, so per-packet state lives in locals; the set of features
 * at an arc changes only between two batches, so a batch meets the same features from its first
 * packet to its last, and a feature that is unbound is released only after the batches that
 * were using it have left.
 *
 * <p>What it must guarantee: {@link #apply} returns quickly and never blocks; it reads the
 * packet's bytes as hostile (check every length before reading) and may rewrite them in place,
 * but it never releases, keeps or forwards the packet: it returns a verdict and the kernel does
 * the rest. An exception drops only the packet being looked at, counted under the feature's
 * failure reason ({@code feature.<name>.failed}).
 */
public interface Feature {
    /** The feature's name as operators see it in {@code culvert:status}: {@code packet-filter}. */
    String name();

    /** The arc it joins: one of {@link FeatureArcs}' names. */
    String arc();

    /**
     * Looks at one packet. Returns {@code null} to let it go on (to the next feature, then to the
     * node after the arc), or the reason it is dropped, which is counted at the arc under that
     * reason. Reasons are interned: hold them in constants, never create one per packet.
     */
    DropReason apply(Packet packet);
}
