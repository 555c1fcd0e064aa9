package dev.culvert.vpn.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.worker.ControlExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlStrandTest {
    private final ControlExecutor executor = new ControlExecutor(4, 1024);

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void runsOneClientsTasksInOrderAndNeverTwoAtOnce() throws Exception {
        ControlStrand strand = new ControlStrand(executor, "test", 100_000);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        int tasks = 5_000;
        for (int i = 0; i < tasks; i++) {
            int n = i;
            assertTrue(strand.offer(() -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                seen.add(n);
                running.decrementAndGet();
                if (n == tasks - 1) {
                    done.countDown();
                }
            }));
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get());
        for (int i = 0; i < tasks; i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void refusesWhatAPeerSendsBeyondItsCapacityButNotTheServersOwnWork() throws Exception {
        ControlStrand strand = new ControlStrand(executor, "test", 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        assertTrue(strand.offer(() -> {
            started.countDown();
            await(release);
        }));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertTrue(strand.offer(() -> { }));
        assertTrue(strand.offer(() -> { }));
        assertFalse(strand.offer(() -> { }), "a third pending packet exceeds the capacity of 2");
        CountDownLatch internal = new CountDownLatch(1);
        strand.enqueue(internal::countDown);
        release.countDown();
        assertTrue(internal.await(5, TimeUnit.SECONDS), "the server's own task runs even when the strand was full");
    }

    /**
     * Work given while the executor's queue is full runs later, with no other task coming to wake
     * the strand: the server's own (an idle session's only task, its next tick, must not wait for
     * a packet that may never come) and a peer's offered packet. The offer says "taken": a server
     * that admitted a client undoes the admission when its first task is refused, and a task
     * reported refused that ran anyway made a second session for the client, unreachable, which
     * answered the client beside the real one (10,000-client runs: 1 or 2 clients never connected).
     */
    @Test
    void workGivenWhileTheExecutorIsSaturatedIsTakenAndRunsLater() throws Exception {
        try (ControlExecutor small = new ControlExecutor(1, 1)) {
            CountDownLatch release = saturate(small);
            CountDownLatch ticked = new CountDownLatch(1);
            new ControlStrand(small, "idle session", 10).enqueue(ticked::countDown);
            CountDownLatch firstPacket = new CountDownLatch(1);
            assertTrue(new ControlStrand(small, "new client", 10).offer(firstPacket::countDown),
                    "taken: it will run, so the caller must not undo its work");
            assertTrue(small.rejected() >= 2, "the full executor refused both strands' turns");
            release.countDown();
            assertTrue(ticked.await(10, TimeUnit.SECONDS), "the queued tick ran with no other task offered");
            assertTrue(firstPacket.await(10, TimeUnit.SECONDS), "the offered packet ran once the executor had room");
        }
    }

    @Test
    void nothingIsTakenOnceTheExecutorClosed() throws Exception {
        ControlExecutor closing = new ControlExecutor(1, 4);
        ControlStrand strand = new ControlStrand(closing, "late packet", 10);
        closing.close();
        AtomicInteger ran = new AtomicInteger();
        assertFalse(strand.offer(ran::incrementAndGet), "refused: the caller counts the drop");
        assertEquals(0, strand.pending());
        Thread.sleep(ControlExecutor.REFUSED_RETRY_MILLIS * 2);
        assertEquals(0, ran.get());
    }

    @Test
    void manyStrandsShareTheControlThreads() throws Exception {
        int strands = 200;
        CountDownLatch done = new CountDownLatch(strands * 10);
        for (int s = 0; s < strands; s++) {
            ControlStrand strand = new ControlStrand(executor, "client " + s, 16);
            for (int i = 0; i < 10; i++) {
                assertTrue(strand.offer(done::countDown));
            }
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
    }

    /** Holds the executor's one thread and fills its queue of one, until the returned latch opens. */
    private static CountDownLatch saturate(ControlExecutor oneThreadQueueOfOne) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        oneThreadQueueOfOne.submit("hold the thread", () -> {
            busy.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        assertTrue(busy.await(10, TimeUnit.SECONDS));
        oneThreadQueueOfOne.submit("fill the queue", () -> null);
        return release;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
