package dev.culvert.spi.compress;

import java.nio.ByteBuffer;

/**
 * The work buffer a codec writes into before the result is copied back into the packet. One per
 * thread, direct (native codecs read and write it without a copy), and large enough for the worst
 * case of every codec on the largest payload, so a codec never runs out of room mid-stream.
 */
public final class FramingScratch {
    /** Snappy's worst case for {@link Compressor#MAX_PACKET} bytes is 32 + n + n/6; LZ4's is smaller. */
    public static final int BYTES = 80 * 1024;

    private static final ThreadLocal<ByteBuffer> PER_THREAD = ThreadLocal.withInitial(FramingScratch::allocate);

    private FramingScratch() {
    }

    /** The calling thread's scratch buffer; only this thread may use it, and only for one call at a time. */
    public static ByteBuffer forCurrentThread() {
        return PER_THREAD.get();
    }

    /** A new scratch buffer, for a caller that manages its own (a benchmark, a fuzz harness). */
    public static ByteBuffer allocate() {
        return ByteBuffer.allocateDirect(BYTES);
    }
}
