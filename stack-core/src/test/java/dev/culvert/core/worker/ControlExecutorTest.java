package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.PacketPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control executor never runs on, and never blocks, a data-plane thread. */
class ControlExecutorTest {
    private Worker worker;

    @BeforeEach
    void startWorker() throws Exception {
        worker = new Worker(0, "test-worker", WorkerFixtures.echoGraph(), new PacketPool("ctl", 16), 16);
        worker.start();
    }

    @AfterEach
    void stopWorker() throws Exception {
        assertTrue(worker.stopAndJoin(5, TimeUnit.SECONDS));
        worker.close();
    }

    /** Runs {@code task} on the worker thread and waits (from the test thread) for it. */
    private void onWorker(Runnable task) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        worker.post(() -> {
            try {
                task.run();
            } finally {
                done.countDown();
            }
        });
        assertTrue(done.await(5, TimeUnit.SECONDS), "the worker ran the posted task");
    }

    @Test
    void tasksNeverRunOnADataPlaneThreadWhoeverSubmitsThem() throws Exception {
        try (ControlExecutor control = new ControlExecutor(2, 1024)) {
            ConcurrentLinkedQueue<Thread> ranOn = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                futures.add(control.submit("from test thread", () -> {
                    ranOn.add(Thread.currentThread());
                    return DataPlaneThread.isCurrent();
                }));
            }
            onWorker(() -> {
                for (int i = 0; i < 100; i++) {
                    futures.add(control.submit("from worker", () -> {
                        ranOn.add(Thread.currentThread());
                        return DataPlaneThread.isCurrent();
                    }));
                }
            });
            for (CompletableFuture<Boolean> f : futures) {
                assertFalse(ControlExecutor.await(f, 10, TimeUnit.SECONDS), "a control task saw a data-plane thread");
            }
            assertEquals(200, ranOn.size());
            for (Thread t : ranOn) {
                assertFalse(t instanceof DataPlaneThread, t.getName());
                assertTrue(t.getName().startsWith("culvert-control-"), t.getName());
            }
            assertEquals(0, control.refusedOnDataPlane());
        }
    }

    @Test
    void resultsArePublishedToTheWorkerAndAppliedOnItsThread() throws Exception {
        try (ControlExecutor control = new ControlExecutor(1, 16)) {
            AtomicReference<Worker> appliedOn = new AtomicReference<>();
            AtomicReference<String> applied = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            control.submit("derive keys", () -> "keys-v2", worker, value -> {
                appliedOn.set(Thread.currentThread() instanceof DataPlaneThread t ? t.worker() : null);
                applied.set(value);
                done.countDown();
            });
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertSame(worker, appliedOn.get());
            assertEquals("keys-v2", applied.get());
        }
    }

    @Test
    void aSaturatedExecutorRefusesInsteadOfRunningTheTaskOnTheCaller() throws Exception {
        try (ControlExecutor control = new ControlExecutor(1, 1)) {
            CountDownLatch release = new CountDownLatch(1);
            control.submit("blocker", () -> release.await(10, TimeUnit.SECONDS));
            control.submit("queued", () -> true);
            AtomicBoolean ranOnWorker = new AtomicBoolean();
            AtomicReference<CompletableFuture<Boolean>> refused = new AtomicReference<>();
            onWorker(() -> refused.set(control.submit("one too many", () -> {
                ranOnWorker.set(DataPlaneThread.isCurrent());
                return true;
            })));
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> refused.get().get(5, TimeUnit.SECONDS));
            assertInstanceOf(RejectedExecutionException.class, e.getCause());
            assertFalse(ranOnWorker.get());
            assertEquals(1, control.rejected());
            release.countDown();
        }
    }

    @Test
    void aDataPlaneThreadMayNotWaitForAControlResult() throws Exception {
        try (ControlExecutor control = new ControlExecutor(1, 16)) {
            CompletableFuture<String> slow = control.submit("slow", () -> "done");
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            onWorker(() -> {
                try {
                    ControlExecutor.await(slow, 1, TimeUnit.SECONDS);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            assertInstanceOf(IllegalStateException.class, thrown.get());
            assertEquals("done", ControlExecutor.await(slow, 5, TimeUnit.SECONDS), "the test thread may wait");
        }
    }

    @Test
    void publishedValuesAreReplacedAtomically() {
        Published<String> keys = new Published<>("v1");
        keys.publish("v2");
        assertEquals("v2", keys.get());
        assertEquals(1, keys.version());
    }
}
