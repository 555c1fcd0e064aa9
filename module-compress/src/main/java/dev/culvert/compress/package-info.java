/**
 * The compress slot's codecs, LZ4 ({@link dev.culvert.compress.Lz4Compressor}), Snappy
 * ({@link dev.culvert.compress.SnappyCompressor}), LZO for {@code comp-lzo} peers
 * ({@link dev.culvert.compress.LzoCompressor}, aircompressor's, embedded) and the stub
 * ({@link dev.culvert.compress.NoCompressor}), and the handler of OpenVPN's compression
 * directives ({@link dev.culvert.compress.CompressionDirectives}).
 *
 * <p>Internal to module-compress: the bundle exports nothing. Its classes are found as
 * Declarative Services components inside OSGi and through {@link java.util.ServiceLoader}
 * ({@code META-INF/services}) on a plain class path; both register the same SPI types.
 *
 * <p>May depend on: dev.culvert.core.slot, dev.culvert.spi.compress, dev.culvert.spi.config
 */
package dev.culvert.compress;
