/**
 * The compress and decompress steps of the pipeline: graph nodes that apply
 * {@link dev.culvert.spi.compress.CompressionFraming} with whatever codecs the compress slot holds.
 * The sender enters the slot once per batch and uses its active codec for the whole batch; the
 * receiver decodes with every installed codec, so a swap between batches loses nothing.
 *
 * <p>Depends on {@code dev.culvert.core.packet}, {@code dev.culvert.core.graph},
 * {@code dev.culvert.core.slot}, {@code dev.culvert.spi.compress} and the JDK; never on a module.
 */
package dev.culvert.core.compress;
