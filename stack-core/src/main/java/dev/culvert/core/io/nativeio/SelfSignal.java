package dev.culvert.core.io.nativeio;

/** Sends a signal to this process through libc's {@code kill(2)}, as {@code kill -SIG $PID} would. */
public final class SelfSignal {
    private SelfSignal() {
    }

    /** Raises signal {@code number}; returns null on success, else why not (for an answer or a log line). */
    public static String raise(int number) {
        try {
            LibC c = Native.libc();
            if (c.kill((int) ProcessHandle.current().pid(), number) != 0) {
                return "kill: " + Native.describe(Native.errno());
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "no native access: " + e;
        }
    }
}
