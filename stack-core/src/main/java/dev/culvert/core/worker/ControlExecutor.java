package dev.culvert.core.worker;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.culvert.core.io.nativeio.ThreadNice;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs everything that may block or take long (TLS handshakes, key derivation, configuration
 * reloads, DNS, files, {@code ip}) on its own threads, never on a data-plane thread.
 *
 * <p>Three rules keep the data plane from waiting for it: its queue is bounded and a full queue
 * fails the task's future instead of running the task on the caller (no caller-runs policy);
 * a task that finds itself on a {@link DataPlaneThread} refuses to run; and {@link #await} refuses
 * to block a data-plane thread. Results reach a worker by {@link #submit(String, Callable, Worker,
 * Consumer)}, which posts the result to the worker to apply between two batches.
 *
 * <p>Timers ({@link #schedule}, {@link #scheduleWithFixedDelay}) are kept by one clock thread,
 * niced like the others, that only hands each due task to the control threads: a long task never
 * delays another timer, and a timer's task runs under the same rules as a submitted one.
 */
public final class ControlExecutor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlExecutor.class.getName());
    public static final int DEFAULT_QUEUE = 4096;
    /** The nice value of control threads (workers keep the process's, even those a control thread starts). */
    public static final int CONTROL_NICE = 10;
    /** How long a timer's run the full queue refused waits before it is offered again. */
    public static final long REFUSED_RETRY_MILLIS = 200;
    private static final java.util.concurrent.atomic.AtomicBoolean NICE_WARNED = new java.util.concurrent.atomic.AtomicBoolean();

    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor clock;
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder refusedOnDataPlane = new LongAdder();

    public ControlExecutor(int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threads " + threads + ", queue " + queueCapacity);
        }
        BasePriorityStarts.prepare();
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
                lowPriority(() -> "culvert-control-" + counter.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        this.clock = new ScheduledThreadPoolExecutor(1, lowPriority(() -> "culvert-control-clock"));
        // Runtimes re-arm their session timers on every tick: a cancelled timer must not linger.
        clock.setRemoveOnCancelPolicy(true);
    }

    private static ThreadFactory lowPriority(Supplier<String> names) {
        return task -> {
            Thread t = new Thread(() -> {
                lowerPriority();
                task.run();
            }, names.get());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Starts {@code task} on a daemon thread of its own at the control threads' priority: control
     * work that waits on the control threads' own, and so must not hold one of them while it does.
     */
    public static Thread startBeside(String name, Runnable task) {
        Thread thread = lowPriority(() -> name).newThread(task);
        thread.start();
        return thread;
    }

    /**
     * Control threads run at nice {@value #CONTROL_NICE}: when handshakes and the data plane want
     * the same cores, the kernel's scheduler gives the workers about nine tenths of the time, so
     * a storm of new clients costs the established tunnels little latency.
     */
    private static void lowerPriority() {
        String problem = ThreadNice.set(CONTROL_NICE);
        if (problem != null && NICE_WARNED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "control threads keep normal priority (" + problem + ")");
        }
    }

    /** Two threads, or one per core if there are more: handshakes of many peers proceed side by side. */
    public static ControlExecutor withDefaults() {
        return new ControlExecutor(Math.max(2, Runtime.getRuntime().availableProcessors()), DEFAULT_QUEUE);
    }

    /** Runs {@code task} on a control thread. {@code what} names it in logs. */
    public <T> CompletableFuture<T> submit(String what, Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> runGuarded(what, task, result));
        } catch (RejectedExecutionException e) {
            rejected.increment();
            result.completeExceptionally(new RejectedExecutionException("control executor is saturated or closed; '"
                    + what + "' was not run (the data plane never runs it in its place)", e));
        }
        return result;
    }

    /**
     * Runs {@code task} on a control thread and hands its result to {@code apply} on
     * {@code worker}, between two of its batches. The worker never waits for the task.
     */
    public <T> CompletableFuture<T> submit(String what, Callable<T> task, Worker worker, Consumer<? super T> apply) {
        CompletableFuture<T> result = submit(what, task);
        result.thenAccept(value -> worker.post(() -> apply.accept(value)));
        return result;
    }

    /** A task set to run later on the control executor. */
    public interface Timer {
        /** Keeps the task from running again; a run already under way finishes. Idempotent. */
        void cancel();

        boolean isCancelled();
    }

    /**
     * Runs {@code task} once on a control thread after {@code delay}. {@code what} names it in logs.
     * A run the full queue refuses is tried again {@link #REFUSED_RETRY_MILLIS} ms later, until
     * it is taken, cancelled or the executor closes: a one-shot timer (a session's next tick, which
     * arms the one after it) is late under a backlog, never lost to it.
     */
    public Timer schedule(String what, Runnable task, long delay, TimeUnit unit) {
        ControlTimer timer = new ControlTimer(what, task, -1);
        timer.arm(unit.toNanos(delay));
        return timer;
    }

    /**
     * Runs {@code task} on a control thread after {@code initialDelay}, then again {@code delay}
     * after each run ends, until cancelled or closed. A run that throws or is refused (a full
     * queue) does not end the series: the next one is due {@code delay} later all the same.
     */
    public Timer scheduleWithFixedDelay(String what, Runnable task, long initialDelay, long delay, TimeUnit unit) {
        if (delay <= 0) {
            throw new IllegalArgumentException("delay " + delay);
        }
        ControlTimer timer = new ControlTimer(what, task, unit.toNanos(delay));
        timer.arm(unit.toNanos(initialDelay));
        return timer;
    }

    /** Timers armed and not yet due; a cancelled one is not counted. */
    public int pendingTimers() {
        return clock.getQueue().size();
    }

    private final class ControlTimer implements Timer {
        private final String what;
        private final Runnable task;
        /** Nanoseconds between the end of a run and the next; negative for a one-shot timer. */
        private final long period;
        private volatile boolean cancelled;
        private ScheduledFuture<?> due;

        ControlTimer(String what, Runnable task, long period) {
            this.what = what;
            this.task = task;
            this.period = period;
        }

        synchronized void arm(long delayNanos) {
            if (cancelled) {
                return;
            }
            try {
                due = clock.schedule(this::fire, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                rejected.increment();
                cancelled = true;
            }
        }

        /** On the clock thread: hands the task to the control threads, and re-arms when it ends. */
        private void fire() {
            if (cancelled) {
                return;
            }
            submit(what, () -> {
                if (!cancelled) {
                    task.run();
                }
                return null;
            }).whenComplete((ignored, failure) -> {
                if (period >= 0) {
                    arm(period);
                } else if (failure instanceof RejectedExecutionException && !pool.isShutdown()) {
                    arm(TimeUnit.MILLISECONDS.toNanos(REFUSED_RETRY_MILLIS));
                }
            });
        }

        @Override
        public void cancel() {
            ScheduledFuture<?> f;
            synchronized (this) {
                cancelled = true;
                f = due;
            }
            if (f != null) {
                f.cancel(false);
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    private <T> void runGuarded(String what, Callable<T> task, CompletableFuture<T> result) {
        if (DataPlaneThread.isCurrent()) {
            refusedOnDataPlane.increment();
            result.completeExceptionally(new IllegalStateException("control task '" + what + "' reached a data-plane thread"));
            return;
        }
        try {
            result.complete(task.call());
            completed.increment();
        } catch (Exception | Error e) {
            failed.increment();
            LOG.log(System.Logger.Level.DEBUG, "control task '" + what + "' failed", e);
            result.completeExceptionally(e);
        }
    }

    /**
     * Waits for a control result, from a control or test thread. On a data-plane thread it throws
     * instead: the data plane learns results by {@link Worker#post}, never by waiting.
     */
    public static <T> T await(Future<T> future, long timeout, TimeUnit unit) throws ExecutionException, TimeoutException,
            InterruptedException {
        if (DataPlaneThread.isCurrent()) {
            throw new IllegalStateException("a data-plane thread must not wait for the control executor");
        }
        return future.get(timeout, unit);
    }

    public long completed() {
        return completed.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** Whether {@link #close} was called: nothing submitted or scheduled from now on runs. */
    public boolean isClosed() {
        return pool.isShutdown();
    }

    /** Tasks refused because the queue was full or the executor closed. */
    public long rejected() {
        return rejected.sum();
    }

    /** Tasks that found themselves on a data-plane thread and refused to run; always 0 by construction. */
    public long refusedOnDataPlane() {
        return refusedOnDataPlane.sum();
    }

    /** Drops every timer, stops taking tasks and waits up to 5 s for running ones. */
    @Override
    public void close() {
        clock.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
