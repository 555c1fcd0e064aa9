/**
 * Feature arcs: the graph's named insertion points, where modules add their own steps without a
 * change to the kernel. A {@link dev.culvert.core.graph.arc.FeatureArcNode} stands at each point
 * of a role's graph and runs the {@link dev.culvert.spi.feature.Feature}s bound at its arc, in
 * ranking order, swapping them between batches as slots swap their implementations.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet, dev.culvert.core.slot,
 * dev.culvert.spi.feature
 */
package dev.culvert.core.graph.arc;
