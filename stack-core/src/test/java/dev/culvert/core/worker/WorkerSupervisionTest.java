package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.FirstByteSink;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.packet.PacketPool;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker survives what fails under it: a source whose read throws is polled again after a
 * pause, a loop that fails is restarted, and a loop that keeps failing ends the worker and tells
 * its {@link WorkerLoss} handler. Each failure is counted, and traffic goes on where it can.
 */
class WorkerSupervisionTest {
    private final PacketPool pool = new PacketPool("supervised", 256);
    private final ScriptedTransport transport = new ScriptedTransport();
    private final FirstByteSink arrived = new FirstByteSink();
    private Worker worker;

    private Worker started() throws Exception {
        Graph graph = Graph.builder().node("from-net", new WorkerFixtures.Pass()).node("arrived", arrived)
                .wire("from-net", "arrived").build();
        worker = new Worker(0, "supervised", graph, pool, 16);
        worker.addTransport(transport, "from-net");
        worker.start();
        return worker;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null) {
            assertTrue(worker.stopAndJoin(10, TimeUnit.SECONDS), "the worker stops");
            worker.close();
        }
        assertEquals(0, pool.outstanding(), "every packet returned to the pool");
    }

    @Test
    void aTransportWhoseReceiveThrowsOnceIsPolledAgainAndItsTrafficGoesOn() throws Exception {
        started();
        transport.arrive(1);
        until(() -> arrived.seen.contains(1));

        transport.failReceives(1);
        transport.arrive(2);
        transport.arrive(3);
        until(() -> arrived.seen.contains(3));

        assertEquals(List.of(1, 2, 3), arrived.seen, "nothing queued behind the failed read was lost");
        assertEquals(1, worker.sourceErrors());
        assertEquals(0, worker.loopRestarts());
        assertTrue(worker.isRunning());
    }

    @Test
    void aTransportThatFailsSeveralTimesInARowIsPolledAgainAfterEachPauseUntilItWorks() throws Exception {
        started();
        transport.failReceives(4);
        transport.arrive(7);
        until(() -> arrived.seen.contains(7));

        assertEquals(4, worker.sourceErrors(), "each failed read counted");
        transport.arrive(8);
        until(() -> arrived.seen.contains(8));
        assertEquals(4, worker.sourceErrors(), "a recovered source is read as before");
        assertTrue(worker.describe().contains("source-errors=4"), worker.describe());
    }

    @Test
    void aLoopThatFailsOnceIsRestartedAndCarriesTrafficAfterwards() throws Exception {
        started();
        transport.failFlushes(1);
        transport.arrive(1);
        until(() -> worker.loopRestarts() == 1);

        transport.arrive(2);
        until(() -> arrived.seen.contains(2));
        assertEquals(List.of(1, 2), arrived.seen);
        assertTrue(worker.isRunning());
        assertEquals(null, worker.lostTo());
        assertTrue(worker.describe().contains("loop-restarts=1"), worker.describe());
    }

    @Test
    void aLoopThatKeepsFailingEndsTheWorkerAndTellsItsHandlerTheCause() throws Exception {
        CountDownLatch told = new CountDownLatch(1);
        AtomicReference<Throwable> cause = new AtomicReference<>();
        AtomicReference<Worker> lost = new AtomicReference<>();
        started().onLoss((w, e) -> {
            lost.set(w);
            cause.set(e);
            told.countDown();
        });
        transport.failFlushes(ScriptedTransport.FOREVER);
        transport.endless();

        assertTrue(told.await(60, TimeUnit.SECONDS), "the handler was told");
        assertSame(worker, lost.get());
        assertEquals("scripted flush failure", cause.get().getMessage());
        assertSame(cause.get(), worker.lostTo());
        assertEquals(Worker.MAX_RESTARTS_IN_ROW + 1, worker.loopRestarts(), "restarted that many times, then given up");
        until(() -> !worker.isRunning());
        assertFalse(worker.isRunning());
        assertTrue(worker.describe().contains("lost (java.lang.IllegalStateException: scripted flush failure)"),
                worker.describe());
    }

    @Test
    void anErrorEndsTheWorkerAtOnceWithoutARestart() throws Exception {
        CountDownLatch told = new CountDownLatch(1);
        AtomicReference<Throwable> cause = new AtomicReference<>();
        started().onLoss((w, e) -> {
            cause.set(e);
            told.countDown();
        });
        StackOverflowError overflow = new StackOverflowError("scripted");
        transport.failFlushWith(overflow);
        transport.arrive(1);

        assertTrue(told.await(60, TimeUnit.SECONDS), "the handler was told");
        assertSame(overflow, cause.get());
        assertEquals(1, worker.loopRestarts(), "counted once, not restarted");
        until(() -> !worker.isRunning());
    }

    /** Waits, without a fixed sleep, for what the worker makes true; fails after a generous bound. */
    private static void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not reached within 60 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
