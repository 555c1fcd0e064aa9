package dev.culvert.core.worker;

import dev.culvert.core.io.nativeio.ThreadNice;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts data-plane threads at the priority the process runs at, whichever thread asks.
 *
 * <p>Linux gives a new thread its creator's nice value, and taking a nice value back down needs
 * CAP_SYS_NICE. A worker started on a control thread (nice {@value ControlExecutor#CONTROL_NICE}),
 * as a client's data path is once its handshake is done, would forward every packet at nice 10
 * for its whole life, behind the load on the machine and its own process's compiler threads. So
 * a start asked for on a thread niced above the base is carried out by one daemon thread that was
 * made at the base priority, before the first control thread existed ({@link #prepare()}, from
 * the {@link ControlExecutor}'s constructor). A start from a thread at the base runs where it is.
 */
final class BasePriorityStarts {
    private static final System.Logger LOG = System.getLogger(BasePriorityStarts.class.getName());
    /** How long a niced caller waits for the starter before it starts the thread itself, niced. */
    static final long STARTER_WAIT_SECONDS = 10;
    private static final Object LOCK = new Object();
    private static final AtomicBoolean NICED_WARNED = new AtomicBoolean();
    private static ExecutorService starter;
    private static int baseNice = ThreadNice.UNKNOWN;

    private BasePriorityStarts() {
    }

    /**
     * Makes the starter on the calling thread, once: its nice value becomes the base. Called where
     * control threads are made, before the first of them, so the caller is not one of them.
     */
    static void prepare() {
        synchronized (LOCK) {
            if (starter != null) {
                return;
            }
            int nice = ThreadNice.get();
            if (nice == ThreadNice.UNKNOWN) {
                return; // without native access no thread is niced either
            }
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), task -> {
                        Thread t = new Thread(task, "culvert-thread-starter");
                        t.setDaemon(true);
                        return t;
                    });
            // Made now, on this thread: made later, it would inherit the nice of whoever asked first.
            pool.prestartCoreThread();
            baseNice = nice;
            starter = pool;
        }
    }

    /** The nice value threads are started at, or {@link ThreadNice#UNKNOWN} before {@link #prepare()}. */
    static int baseNice() {
        synchronized (LOCK) {
            return baseNice;
        }
    }

    /** Starts {@code thread} at the base priority; returns once it has been started. */
    static void start(Thread thread) {
        ExecutorService via;
        int base;
        synchronized (LOCK) {
            via = starter;
            base = baseNice;
        }
        int own = via == null ? ThreadNice.UNKNOWN : ThreadNice.get();
        if (via == null || own == ThreadNice.UNKNOWN || own <= base) {
            thread.start();
            return;
        }
        AtomicBoolean claimed = new AtomicBoolean();
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
            if (claimed.compareAndSet(false, true)) {
                thread.start();
            }
        }, via);
        try {
            started.get(STARTER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            startHereIfUnclaimed(thread, claimed, "interrupted while the starter ran", own);
        } catch (TimeoutException e) {
            startHereIfUnclaimed(thread, claimed, "the starter did not answer within " + STARTER_WAIT_SECONDS + " s", own);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("starting " + thread.getName() + " failed", e.getCause());
        }
    }

    private static void startHereIfUnclaimed(Thread thread, AtomicBoolean claimed, String why, int nice) {
        if (claimed.compareAndSet(false, true)) {
            thread.start();
            if (NICED_WARNED.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, thread.getName() + " started at nice " + nice + ", above the process's "
                        + baseNice() + " (" + why + "): its packets wait behind every busier thread of the machine");
            }
        }
    }
}
