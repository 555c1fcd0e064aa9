package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.io.nativeio.ThreadNice;
import dev.culvert.core.io.nativeio.ThreadScheduling;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.testing.netns.Prerequisites;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On Linux, with the right to take it, a worker runs in the realtime class while it is light, steps
 * down when a window of its loop keeps a core busy, and comes back once light again; what it
 * starts begins in the normal class. Read back from the kernel on the worker's own thread.
 */
class WorkerSchedulingTest {
    private final PacketPool pool = new PacketPool("scheduling", 16);

    @AfterEach
    void restore() {
        Workers.chooseRealtime(null);
    }

    /** Fails on CI, skips elsewhere, unless a thread of this process may take the realtime class. */
    private static void requireRealtimeClass() throws Exception {
        AtomicReference<String> problem = new AtomicReference<>();
        Thread probe = new Thread(() -> {
            problem.set(ThreadScheduling.toRoundRobin(Workers.REALTIME_PRIORITY));
            ThreadScheduling.toNormal();
        });
        probe.start();
        probe.join();
        if (problem.get() != null) {
            Prerequisites.missing("the realtime scheduling class (" + problem.get() + "): run the tests as root, or with CAP_SYS_NICE");
        }
    }

    private static <T> T onWorker(Worker worker, Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        worker.post(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    private Worker started(String name) throws Exception {
        Worker worker = new Worker(0, name, WorkerFixtures.echoGraph(), pool, 16);
        worker.start();
        return worker;
    }

    private static void stop(Worker worker) throws InterruptedException {
        worker.stopAndJoin(10, TimeUnit.SECONDS);
        worker.close();
    }

    @Test
    void aLightWorkerRunsInTheRealtimeClassAndAThreadItStartsDoesNot() throws Exception {
        requireRealtimeClass();
        Worker worker = started("rt-light");
        try {
            assertEquals(ThreadScheduling.SCHED_RR, (int) onWorker(worker, ThreadScheduling::policy));
            assertTrue(worker.realtimeNow());
            int childPolicy = onWorker(worker, () -> {
                AtomicInteger policy = new AtomicInteger(-2);
                Thread child = new Thread(() -> policy.set(ThreadScheduling.policy()));
                child.start();
                child.join();
                return policy.get();
            });
            assertEquals(ThreadScheduling.SCHED_OTHER, childPolicy, "reset on fork: a new thread starts in the normal class");
            assertEquals(0, worker.realtimeRefusals());
        } finally {
            stop(worker);
        }
    }

    @Test
    void aWorkerThatKeepsACoreBusyStepsDownThenReturnsOnceLight() throws Exception {
        requireRealtimeClass();
        Worker worker = started("rt-busy");
        try {
            onWorker(worker, () -> {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return null;
            });
            // The next turn closes the window the spin filled.
            assertEquals(ThreadScheduling.SCHED_OTHER, (int) onWorker(worker, ThreadScheduling::policy));
            assertEquals(1, worker.realtimeDemotions());
            assertFalse(worker.realtimeNow());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (worker.realtimeReturns() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, worker.realtimeReturns(), "an idle worker is light for a second within a few");
            assertEquals(ThreadScheduling.SCHED_RR, (int) onWorker(worker, ThreadScheduling::policy));
        } finally {
            stop(worker);
        }
    }

    @Test
    void chosenNormalAWorkerStaysInTheNormalClassAndAsksForNothing() throws Exception {
        Workers.chooseRealtime(false);
        Worker worker = started("rt-normal");
        try {
            assertEquals(ThreadScheduling.SCHED_OTHER, (int) onWorker(worker, ThreadScheduling::policy));
            assertFalse(worker.realtimeNow());
            assertEquals(0, worker.realtimeRefusals());
        } finally {
            stop(worker);
        }
    }

    @Test
    void aRehearsalsWorkerRunsAtTheIdleNiceAndNeverInTheRealtimeClassEvenWhenRealtimeIsChosen() throws Exception {
        Workers.chooseRealtime(true);
        Worker worker = new Worker(0, "rehearsal-idle", WorkerFixtures.echoGraph(), pool, 16);
        worker.startAtIdlePriority();
        try {
            assertEquals(IdleThread.NICE, (int) onWorker(worker, ThreadNice::get));
            assertEquals(ThreadScheduling.SCHED_OTHER, (int) onWorker(worker, ThreadScheduling::policy));
            assertFalse(worker.realtimeNow());
            assertEquals(0, worker.realtimeRefusals(), "it never asked");
        } finally {
            stop(worker);
        }
    }
}
