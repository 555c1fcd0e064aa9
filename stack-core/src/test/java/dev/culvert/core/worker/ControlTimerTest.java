package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.PacketPool;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The control executor's timers: one clock for every runtime's control work, whose tasks run on
 * the niced control threads under the same rules as submitted tasks. The waits below are bounds
 * on a test that went wrong, never what a test asserts.
 */
class ControlTimerTest {
    private static final long BOUND_SECONDS = 10;

    @Test
    void aOneShotTimerRunsItsTaskOnceOnAControlThread() throws Exception {
        try (ControlExecutor control = new ControlExecutor(2, 16)) {
            BlockingQueue<Thread> ranOn = new ArrayBlockingQueue<>(4);
            control.schedule("once", () -> ranOn.add(Thread.currentThread()), 1, TimeUnit.MILLISECONDS);
            Thread thread = ranOn.poll(BOUND_SECONDS, TimeUnit.SECONDS);
            assertTrue(thread != null, "the timer fired");
            assertTrue(thread.getName().startsWith("culvert-control-") && !thread.getName().equals("culvert-control-clock"),
                    thread.getName());
            assertFalse(thread instanceof DataPlaneThread);
            assertEquals(0, control.pendingTimers(), "a one-shot timer is not armed again");
        }
    }

    /** A full queue delays a one-shot timer's run; it does not lose it (a session's next tick arms the one after it). */
    @Test
    void aOneShotTimerRefusedByAFullQueueRunsOnceTheQueueHasRoom() throws Exception {
        try (ControlExecutor control = new ControlExecutor(1, 1)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch busy = new CountDownLatch(1);
            control.submit("hold the thread", () -> {
                busy.countDown();
                return release.await(BOUND_SECONDS, TimeUnit.SECONDS);
            });
            assertTrue(busy.await(BOUND_SECONDS, TimeUnit.SECONDS));
            control.submit("fill the queue", () -> null);
            CountDownLatch ran = new CountDownLatch(1);
            control.schedule("tick", ran::countDown, 0, TimeUnit.MILLISECONDS);
            // The tick was offered and refused while the queue is full (bounded wait for the refusal to be counted).
            for (int i = 0; i < 1000 && control.rejected() == 0; i++) {
                Thread.sleep(10);
            }
            assertTrue(control.rejected() >= 1, "the full queue refused the tick's run");
            assertEquals(1, ran.getCount(), "not run while the queue is full");
            release.countDown();
            assertTrue(ran.await(BOUND_SECONDS, TimeUnit.SECONDS), "the refused tick ran once the queue had room");
        }
    }

    @Test
    void aTimerCancelledBeforeItIsDueNeverRunsAndLeavesNothingArmed() {
        try (ControlExecutor control = new ControlExecutor(2, 16)) {
            AtomicInteger runs = new AtomicInteger();
            ControlExecutor.Timer timer = control.schedule("later", runs::incrementAndGet, 1, TimeUnit.HOURS);
            assertEquals(1, control.pendingTimers());
            timer.cancel();
            timer.cancel();
            assertTrue(timer.isCancelled());
            assertEquals(0, control.pendingTimers());
            assertEquals(0, runs.get());
        }
    }

    @Test
    void aFixedDelayTimerRunsAgainAfterEachRunUntilCancelledAndNeverTwoRunsAtOnce() throws Exception {
        CountDownLatch thirdRun = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicReference<ControlExecutor.Timer> self = new AtomicReference<>();
        ControlExecutor control = new ControlExecutor(4, 16);
        self.set(control.scheduleWithFixedDelay("repeat", () -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            if (runs.incrementAndGet() == 3) {
                while (self.get() == null) {
                    Thread.onSpinWait(); // the first run may beat the assignment
                }
                self.get().cancel();
                thirdRun.countDown();
            }
            running.decrementAndGet();
        }, 0, 1, TimeUnit.MILLISECONDS));
        assertTrue(thirdRun.await(BOUND_SECONDS, TimeUnit.SECONDS));
        control.close(); // waits for a run under way; a cancelled timer is not armed again
        assertEquals(3, runs.get());
        assertEquals(0, overlaps.get());
    }

    @Test
    void aRunThatThrowsDoesNotEndTheSeries() throws Exception {
        try (ControlExecutor control = new ControlExecutor(2, 16)) {
            CountDownLatch secondRun = new CountDownLatch(2);
            ControlExecutor.Timer timer = control.scheduleWithFixedDelay("throws", () -> {
                secondRun.countDown();
                throw new IllegalStateException("a failing status write");
            }, 0, 1, TimeUnit.MILLISECONDS);
            assertTrue(secondRun.await(BOUND_SECONDS, TimeUnit.SECONDS));
            timer.cancel();
        }
    }

    @Test
    void timersSetFromADataPlaneThreadRunOffIt() throws Exception {
        Worker worker = new Worker(0, "timer-test-worker", WorkerFixtures.echoGraph(), new PacketPool("timer", 16), 16);
        worker.start();
        try (ControlExecutor control = new ControlExecutor(2, 16)) {
            BlockingQueue<Boolean> onDataPlane = new ArrayBlockingQueue<>(1);
            worker.post(() -> control.schedule("from worker", () -> onDataPlane.add(DataPlaneThread.isCurrent()), 0,
                    TimeUnit.MILLISECONDS));
            assertEquals(Boolean.FALSE, onDataPlane.poll(BOUND_SECONDS, TimeUnit.SECONDS));
            assertEquals(0, control.refusedOnDataPlane());
        } finally {
            assertTrue(worker.stopAndJoin(5, TimeUnit.SECONDS));
            worker.close();
        }
    }

    @Test
    void closingDropsEveryTimerAndLaterOnesAreRefused() {
        ControlExecutor control = new ControlExecutor(2, 16);
        AtomicInteger runs = new AtomicInteger();
        control.schedule("pending", runs::incrementAndGet, 1, TimeUnit.HOURS);
        control.scheduleWithFixedDelay("series", runs::incrementAndGet, 1, 1, TimeUnit.HOURS);
        control.close();
        assertEquals(0, control.pendingTimers());
        ControlExecutor.Timer late = control.schedule("late", runs::incrementAndGet, 0, TimeUnit.MILLISECONDS);
        assertTrue(late.isCancelled(), "a timer set after close is refused, not silently kept");
        assertEquals(0, runs.get());
        assertThrows(IllegalArgumentException.class, () -> control.scheduleWithFixedDelay("no delay", () -> { }, 0, 0,
                TimeUnit.MILLISECONDS));
    }
}
