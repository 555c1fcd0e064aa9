/**
 * A graph node that reaches for TLS.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet
 */
package dev.culvert.distribution.architecture.seeded.dataplane;
