package dev.culvert.core.io.nativeio;

/**
 * Lowers the calling thread's CPU priority (its Linux nice value; per thread, since Linux applies
 * {@code setpriority(PRIO_PROCESS, tid)} to one thread). Raising a nice value needs no privilege.
 */
public final class ThreadNice {
    private static final int PRIO_PROCESS = 0;

    private ThreadNice() {
    }

    /** Sets this thread's nice value; returns null on success, else why not (for a log line). */
    public static String set(int nice) {
        try {
            LibC c = Native.libc();
            int tid = c.gettid();
            if (c.setpriority(PRIO_PROCESS, tid, nice) != 0) {
                return "setpriority: " + Native.describe(Native.errno());
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "no native access: " + e;
        }
    }
}
