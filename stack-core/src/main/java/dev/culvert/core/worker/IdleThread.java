package dev.culvert.core.worker;

import dev.culvert.core.io.nativeio.ThreadNice;

/**
 * Runs a task on a daemon thread of its own at the lowest CPU priority (nice {@value #NICE}), for
 * work that should only have the cores nothing else wants: the kernel's scheduler then gives the
 * data-plane workers (nice 0) and the control threads (nice {@value ControlExecutor#CONTROL_NICE})
 * almost all of the time whenever they are runnable. Where the nice value cannot be set, the task
 * runs at normal priority all the same; its caller says in its own log line what it did.
 */
public final class IdleThread {
    /** The weakest nice value Linux has. */
    public static final int NICE = 19;

    private IdleThread() {
    }

    /** Starts {@code task} on a new daemon thread named {@code name}; returns the thread. */
    public static Thread start(String name, Runnable task) {
        Thread thread = new Thread(() -> {
            ThreadNice.set(NICE);
            task.run();
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
