package dev.culvert.compress;

import dev.culvert.spi.compress.Compressor;
import java.nio.ByteBuffer;

/** Argument checks shared by the codecs: a codec must not let a bad index reach a native library. */
final class BufferRanges {
    private BufferRanges() {
    }

    /** Whether {@code [offset, offset + length)} lies below {@code buffer}'s limit, where absolute access may reach. */
    static boolean inside(ByteBuffer buffer, int offset, int length) {
        return offset >= 0 && length >= 0 && offset <= buffer.limit() - length;
    }

    /** {@code maxOut} cut down to what fits below {@code buffer}'s limit from {@code offset}, or -1 if the offset is outside it. */
    static int room(ByteBuffer buffer, int offset, int maxOut) {
        if (offset < 0 || offset > buffer.limit() || maxOut < 0) {
            return -1;
        }
        return Math.min(maxOut, buffer.limit() - offset);
    }

    /**
     * The room a decompression into {@code dst} may fill, or the codec's answer when the arguments
     * cannot be used: {@link Compressor#TOO_LARGE} for no writable room, {@link Compressor#MALFORMED}
     * for an empty source or one outside its buffer. Every codec checks these before its library runs.
     */
    static int decompressionRoom(ByteBuffer src, int srcOffset, int length, ByteBuffer dst, int dstOffset, int maxOut) {
        int room = room(dst, dstOffset, maxOut);
        if (room < 0 || dst.isReadOnly()) {
            return Compressor.TOO_LARGE;
        }
        if (length <= 0 || !inside(src, srcOffset, length)) {
            return Compressor.MALFORMED;
        }
        return room;
    }
}
