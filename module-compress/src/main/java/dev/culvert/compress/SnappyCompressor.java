package dev.culvert.compress;

import dev.culvert.spi.compress.CompressionAlgorithm;
import dev.culvert.core.slot.Ranked;
import dev.culvert.spi.compress.Compressor;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.osgi.service.component.annotations.Component;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/**
 * Snappy raw-format compression, framed as openvpn3 frames it ({@code 0x68} swapped in v1, id 3
 * in v2).
 *
 * <p>Decoding is bounded before the native code runs: a Snappy stream begins with its decoded
 * length, which is read here and refused if it exceeds {@code maxOut}; snappy's decoder then
 * writes at most that many bytes and fails on any stream that would write more or read past its
 * input. The length is parsed in Java rather than with {@code Snappy.uncompressedLength}, which
 * throws on a bad header: a hostile peer should cost a comparison, not an exception.
 *
 * <p>snappy-java's buffer API works on direct buffers between position and limit. Positions and
 * limits are set for the call and restored before returning; the SPI contract makes the caller
 * the buffers' only user for the call, so nobody can observe them. Heap buffers are staged
 * through per-thread direct buffers. Thread-safe.
 */
@Component(service = Compressor.class, property = {"culvert.name=snappy", "service.ranking:Integer=" + SnappyCompressor.RANKING})
public final class SnappyCompressor implements Compressor, Ranked {
    /** The slot's preference when several codecs are installed: lz4 20, snappy 10, none 0. */
    static final int RANKING = 10;

    /** The most bytes a Snappy length preamble (a little-endian base-128 varint of 32 bits) takes. */
    private static final int MAX_PREAMBLE = 5;

    private static final ThreadLocal<ByteBuffer[]> STAGING = ThreadLocal.withInitial(() -> new ByteBuffer[] {
        ByteBuffer.allocateDirect(worstCase(MAX_PACKET)), ByteBuffer.allocateDirect(worstCase(MAX_PACKET))});

    /** Loads snappy-java's native library now, so a platform without it fails at install, not per packet. */
    public SnappyCompressor() {
        try {
            Snappy.maxCompressedLength(0);
        } catch (LinkageError | SnappyError e) {
            throw new IllegalStateException("snappy-java's native library did not load (" + e
                    + "); the snappy codec is unavailable. Check that java.io.tmpdir allows executables.", e);
        }
    }

    @Override
    public String name() {
        return "snappy";
    }

    @Override
    public CompressionAlgorithm algorithm() {
        return CompressionAlgorithm.SNAPPY;
    }

    /** snappy's {@code MaxCompressedLength}: 32 + n + n/6. */
    static int worstCase(int length) {
        return 32 + length + length / 6;
    }

    @Override
    public int maxCompressedLength(int length) {
        return worstCase(length);
    }

    @Override
    public int compress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        int bound = worstCase(length);
        // The native encoder does not check its output room: give it the worst case or do not call it.
        if (length < 0 || length > MAX_PACKET || !BufferRanges.inside(src, srcOffset, length)
                || maxOut < bound || !BufferRanges.inside(dst, dstOffset, bound) || dst.isReadOnly()) {
            return -1;
        }
        try {
            if (src.isDirect() && dst.isDirect()) {
                return compressDirect(src, srcOffset, length, dst, dstOffset);
            }
            ByteBuffer[] staging = STAGING.get();
            staging[0].put(0, src, srcOffset, length);
            int n = compressDirect(staging[0], 0, length, staging[1], 0);
            dst.put(dstOffset, staging[1], 0, n);
            return n;
        } catch (IOException | SnappyError e) {
            return -1;
        }
    }

    private static int compressDirect(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset) throws IOException {
        int srcPosition = src.position();
        int srcLimit = src.limit();
        int dstPosition = dst.position();
        int dstLimit = dst.limit();
        try {
            src.clear().position(srcOffset).limit(srcOffset + length);
            dst.clear().position(dstOffset);
            return Snappy.compress(src, dst);
        } finally {
            src.clear().limit(srcLimit).position(srcPosition);
            dst.clear().limit(dstLimit).position(dstPosition);
        }
    }

    @Override
    public int decompress(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        int room = BufferRanges.decompressionRoom(src, srcOffset, length, dst, dstOffset, maxOut);
        if (room < 0) {
            return room;
        }
        if (length > worstCase(MAX_PACKET)) {
            return MALFORMED;
        }
        long declared = declaredLength(src, srcOffset, length);
        if (declared < 0) {
            return MALFORMED;
        }
        if (declared > room) {
            return TOO_LARGE;
        }
        try {
            int n;
            if (src.isDirect() && dst.isDirect()) {
                n = decompressDirect(src, srcOffset, length, dst, dstOffset);
            } else {
                ByteBuffer[] staging = STAGING.get();
                staging[0].put(0, src, srcOffset, length);
                n = decompressDirect(staging[0], 0, length, staging[1], 0);
                if (n == declared) {
                    dst.put(dstOffset, staging[1], 0, n);
                }
            }
            return n == declared ? n : MALFORMED;
        } catch (IOException | SnappyError | RuntimeException e) {
            return MALFORMED;
        }
    }

    private static int decompressDirect(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset) throws IOException {
        int srcPosition = src.position();
        int srcLimit = src.limit();
        int dstPosition = dst.position();
        int dstLimit = dst.limit();
        try {
            src.clear().position(srcOffset).limit(srcOffset + length);
            dst.clear().position(dstOffset);
            return Snappy.uncompress(src, dst);
        } finally {
            src.clear().limit(srcLimit).position(srcPosition);
            dst.clear().limit(dstLimit).position(dstPosition);
        }
    }

    /**
     * The decoded length a Snappy stream declares in its preamble, or -1 if the preamble is
     * malformed (runs past the input, is longer than five bytes or exceeds 32 bits).
     */
    static long declaredLength(ByteBuffer src, int offset, int length) {
        long value = 0;
        int limit = Math.min(length, MAX_PREAMBLE);
        for (int i = 0; i < limit; i++) {
            int b = src.get(offset + i) & 0xff;
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return value <= 0xffff_ffffL ? value : -1;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "snappy";
    }

    @Override
    public int ranking() {
        return RANKING;
    }
}
