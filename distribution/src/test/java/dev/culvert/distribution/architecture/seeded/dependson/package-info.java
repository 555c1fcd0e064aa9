/**
 * Breaks its own rule: says it depends on the config SPI only, and imports the graph.
 *
 * <p>May depend on: dev.culvert.spi.config
 */
package dev.culvert.distribution.architecture.seeded.dependson;
