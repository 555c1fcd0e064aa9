/**
 * The feature slot: a module's own step at a named insertion point of the graph (a feature arc).
 * A {@link dev.culvert.spi.feature.Feature} names its arc ({@link dev.culvert.spi.feature.FeatureArcs})
 * and returns a verdict per packet; the kernel runs the features of an arc in ranking order,
 * swaps them between batches and counts their drops and failures.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet
 */
package dev.culvert.spi.feature;
