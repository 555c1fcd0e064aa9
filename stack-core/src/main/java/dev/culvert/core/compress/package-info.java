/**
 * The compress and decompress steps of the pipeline: graph nodes that apply
 * {@link dev.culvert.spi.compress.CompressionFraming} with whatever codecs the compress slot holds.
 * The sender enters the slot once per batch and uses its active codec for the whole batch; the
 * receiver decodes with every installed codec, so a swap between batches loses nothing.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet, dev.culvert.core.slot,
 * dev.culvert.spi.compress
 */
package dev.culvert.core.compress;
