package dev.culvert.vpn.tunnel;

import dev.culvert.core.worker.ControlExecutor;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one peer's control work in order on the shared control executor: its session is driven by
 * one thread at a time, while the handshakes of many peers run side by side on every control
 * thread. Bounded: a task offered while {@code capacity} are pending is refused and the caller
 * counts the drop, so a client that floods control packets cannot grow memory.
 */
public final class ControlStrand {
    /** Tasks one turn runs before giving the thread to other strands. */
    private static final int TURN = 32;

    private final ControlExecutor executor;
    private final String name;
    private final int capacity;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public ControlStrand(ControlExecutor executor, String name, int capacity) {
        this.executor = executor;
        this.name = name;
        this.capacity = capacity;
    }

    /**
     * Queues {@code task}; false if the strand is full or the executor is closed, and then the task
     * never runs. A task taken always runs: if the executor's queue is full it runs later, as
     * {@link #enqueue} does. A caller that undoes its work on false (a server forgetting the
     * client it just admitted) must never see false for a task that will still run, or that task
     * brings back what was undone: a session nobody can reach, answering its peer beside the real one.
     */
    public boolean offer(Runnable task) {
        if (executor.isClosed()) {
            return false;
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            return false;
        }
        tasks.add(task);
        schedule();
        return true;
    }

    /**
     * Queues work of the server's own (a session event, a timer, a removal) whatever the
     * backlog: only what peers send is bounded, and each of these is bounded by its cause.
     */
    public void enqueue(Runnable task) {
        pending.incrementAndGet();
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        if (executor.submit(name, this::turn).isCompletedExceptionally()) {
            // Refused (saturated or closed): offered again shortly, or with the next task, whichever
            // comes first. Without the retry an idle session's only task (its next tick) would wait
            // for a packet that may never come: no keepalive, no ping-restart, a session that never ends.
            scheduled.set(false);
            executor.schedule(name, this::retry, ControlExecutor.REFUSED_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void retry() {
        if (!tasks.isEmpty()) {
            schedule();
        }
    }

    private Void turn() {
        try {
            for (int i = 0; i < TURN; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                pending.decrementAndGet();
                task.run();
            }
        } finally {
            scheduled.set(false);
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
        return null;
    }

    public int pending() {
        return pending.get();
    }
}
