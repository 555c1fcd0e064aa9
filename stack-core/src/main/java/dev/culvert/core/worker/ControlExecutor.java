package dev.culvert.core.worker;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.culvert.core.io.nativeio.ThreadNice;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Runs everything that may block or take long (TLS handshakes, key derivation, configuration
 * reloads, DNS, files, {@code ip}) on its own threads, never on a data-plane thread.
 *
 * <p>Three rules keep the data plane from waiting for it: its queue is bounded and a full queue
 * fails the task's future instead of running the task on the caller (no caller-runs policy);
 * a task that finds itself on a {@link DataPlaneThread} refuses to run; and {@link #await} refuses
 * to block a data-plane thread. Results reach a worker by {@link #submit(String, Callable, Worker,
 * Consumer)}, which posts the result to the worker to apply between two batches.
 */
public final class ControlExecutor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlExecutor.class.getName());
    public static final int DEFAULT_QUEUE = 4096;
    /** The nice value of control threads (workers keep 0). */
    public static final int CONTROL_NICE = 10;
    private static final java.util.concurrent.atomic.AtomicBoolean NICE_WARNED = new java.util.concurrent.atomic.AtomicBoolean();

    private final ThreadPoolExecutor pool;
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder refusedOnDataPlane = new LongAdder();

    public ControlExecutor(int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threads " + threads + ", queue " + queueCapacity);
        }
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
                task -> {
                    Thread t = new Thread(() -> {
                        lowerPriority();
                        task.run();
                    }, "culvert-control-" + counter.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Control threads run at nice {@value #CONTROL_NICE}: when handshakes and the data plane want
     * the same cores, the kernel's scheduler gives the workers about nine tenths of the time, so
     * a storm of new clients costs the established tunnels little latency.
     */
    private static void lowerPriority() {
        String problem = ThreadNice.set(CONTROL_NICE);
        if (problem != null && NICE_WARNED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "culvert: control threads keep normal priority (" + problem + ")");
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

    /** Tasks refused because the queue was full or the executor closed. */
    public long rejected() {
        return rejected.sum();
    }

    /** Tasks that found themselves on a data-plane thread and refused to run; always 0 by construction. */
    public long refusedOnDataPlane() {
        return refusedOnDataPlane.sum();
    }

    /** Stops taking tasks and waits up to 5 s for running ones. */
    @Override
    public void close() {
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
