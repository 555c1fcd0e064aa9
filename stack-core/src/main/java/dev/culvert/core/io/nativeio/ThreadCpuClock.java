package dev.culvert.core.io.nativeio;

import java.nio.ByteBuffer;

/**
 * The CPU time the calling thread has used ({@code CLOCK_THREAD_CPUTIME_ID}), read without
 * allocating: each instance keeps its own {@code struct timespec}, so one instance belongs to the
 * one thread that reads it.
 */
public final class ThreadCpuClock {
    private static final int CLOCK_THREAD_CPUTIME_ID = 3;
    private final ByteBuffer timespec = Native.struct(2 * Long.BYTES);
    private final long address = Native.address(timespec);
    private final LibC libc = Native.libc();

    /** The calling thread's CPU time in nanoseconds, or -1 if the clock cannot be read. */
    public long nanos() {
        if (libc.clock_gettime(CLOCK_THREAD_CPUTIME_ID, address) != 0) {
            return -1;
        }
        return timespec.getLong(0) * 1_000_000_000L + timespec.getLong(Long.BYTES);
    }
}
