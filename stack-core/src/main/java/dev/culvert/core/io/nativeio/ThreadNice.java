package dev.culvert.core.io.nativeio;

/**
 * Reads and raises the calling thread's CPU priority (its Linux nice value; per thread, since
 * Linux applies {@code setpriority(PRIO_PROCESS, tid)} to one thread). Raising a nice value needs
 * no privilege; lowering it needs CAP_SYS_NICE.
 */
public final class ThreadNice {
    /** What {@link #get()} returns where the nice value cannot be read. */
    public static final int UNKNOWN = Integer.MIN_VALUE;
    private static final int PRIO_PROCESS = 0;

    private ThreadNice() {
    }

    /** Sets this thread's nice value; returns null on success, else why not (for a log line). */
    public static String set(int nice) {
        return Native.whyNot("setpriority", () -> {
            LibC c = Native.libc();
            return c.setpriority(PRIO_PROCESS, c.gettid(), nice);
        });
    }

    /** This thread's nice value, or {@link #UNKNOWN} where it cannot be read. */
    public static int get() {
        try {
            LibC c = Native.libc();
            Native.clearErrno();
            int nice = c.getpriority(PRIO_PROCESS, c.gettid());
            return nice == -1 && Native.errno() != 0 ? UNKNOWN : nice;
        } catch (RuntimeException | LinkageError e) {
            return UNKNOWN;
        }
    }
}
