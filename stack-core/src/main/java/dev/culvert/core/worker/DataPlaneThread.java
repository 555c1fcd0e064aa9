package dev.culvert.core.worker;

/**
 * The thread a {@link Worker} runs on. Its type is the mark that says "data plane": code that
 * must never run here (a blocking wait, a control task) checks for it.
 */
public final class DataPlaneThread extends Thread {
    private final Worker worker;

    DataPlaneThread(Worker worker, Runnable loop, String name) {
        super(loop, name);
        this.worker = worker;
        setDaemon(true);
    }

    public Worker worker() {
        return worker;
    }

    /** Whether the calling thread is a data-plane worker. */
    public static boolean isCurrent() {
        return Thread.currentThread() instanceof DataPlaneThread;
    }
}
