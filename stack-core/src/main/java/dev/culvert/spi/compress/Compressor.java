package dev.culvert.spi.compress;

import java.nio.ByteBuffer;

/**
 * A payload codec for one {@link CompressionAlgorithm}.
 *
 * <p>Buffers are addressed with absolute indexes, which lie below each buffer's limit (Java's
 * absolute accessors check against it; the stack's buffers keep their limit at their capacity).
 * Positions and limits are left as they were. Source and destination never overlap, and the
 * caller is the buffers' only user for the duration of a call.
 *
 * <p>What an implementation may assume: inputs are at most {@value #MAX_PACKET} bytes; it may be
 * called from several threads at once.
 *
 * <p>What it must guarantee: {@link #decompress} treats its input as hostile. It uses only safe
 * decoders that never read outside {@code [srcOffset, srcOffset + length)} and never write more
 * than {@code maxOut} bytes, and it reports malformed or oversized input with a negative result,
 * never an exception. Neither method allocates per call on the data path beyond what the
 * underlying library does.
 */
public interface Compressor {
    /** The largest payload the stack moves (a jumbo TUN MTU plus headers). */
    int MAX_PACKET = 65_535;
    /** {@link #decompress} result: the input is not a valid stream of this algorithm. */
    int MALFORMED = -1;
    /** {@link #decompress} result: the output would exceed {@code maxOut}. */
    int TOO_LARGE = -2;
    /** {@link #decompress} result: this codec cannot decompress (a stub, or LZO). */
    int UNSUPPORTED = -3;

    /** The name operators use in {@code culvert:swap compress NAME}: {@code lz4}, {@code snappy}, {@code none}. */
    String name();

    CompressionAlgorithm algorithm();

    /** An upper bound of {@link #compress}'s output for {@code length} input bytes. */
    int maxCompressedLength(int length);

    /**
     * Compresses {@code src[srcOffset, srcOffset + length)} into {@code dst} at {@code dstOffset},
     * writing at most {@code maxOut} bytes. Returns the compressed length, or -1 if it does not
     * fit in {@code maxOut} (the caller then sends the payload uncompressed).
     */
    int compress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut);

    /**
     * Decompresses {@code src[srcOffset, srcOffset + length)} into {@code dst} at {@code dstOffset},
     * writing at most {@code maxOut} bytes. Returns the decompressed length, or {@link #MALFORMED},
     * {@link #TOO_LARGE} or {@link #UNSUPPORTED}.
     */
    int decompress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut);
}
