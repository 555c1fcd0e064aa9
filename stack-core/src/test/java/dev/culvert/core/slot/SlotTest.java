package dev.culvert.core.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class SlotTest {
    static IntUnaryOperator op(int add) {
        return x -> x + add;
    }

    @Test
    void theHighestRankedImplementationIsActiveAndTiesGoToTheFirstBound() {
        Slot<IntUnaryOperator> slot = new Slot<>("s", IntUnaryOperator.class);
        IntUnaryOperator low = op(1);
        IntUnaryOperator high = op(2);
        IntUnaryOperator tie = op(3);
        slot.bind(low, "low", 0);
        assertSame(low, slot.active().orElseThrow());
        slot.bind(high, "high", 10);
        slot.bind(tie, "tie", 10);
        assertSame(high, slot.active().orElseThrow());
        assertEquals(List.of("high", "tie", "low"), slot.all().stream().map(Binding::name).toList());
    }

    @Test
    void anOperatorSelectionWinsOverRankingAndFallsBackWhenUnbound() {
        Slot<IntUnaryOperator> slot = new Slot<>("s", IntUnaryOperator.class);
        IntUnaryOperator a = op(1);
        IntUnaryOperator b = op(2);
        slot.bind(a, "a", 10);
        slot.bind(b, "b", 0);
        assertTrue(slot.select("b"));
        assertSame(b, slot.active().orElseThrow());
        assertFalse(slot.select("nope"));
        assertSame(b, slot.active().orElseThrow(), "a failed selection changes nothing");
        slot.unbind(b);
        assertSame(a, slot.active().orElseThrow());
        slot.bind(b, "b", 0);
        assertSame(b, slot.active().orElseThrow(), "the selection returns when its implementation comes back");
    }

    @Test
    void unbindingWaitsForBatchesStillUsingTheOldImplementation() throws Exception {
        Slot<IntUnaryOperator> slot = new Slot<>("s", IntUnaryOperator.class);
        IntUnaryOperator old = op(1);
        slot.bind(old, "old", 0);
        Binding<IntUnaryOperator> inFlight = slot.enter();
        slot.bind(op(2), "new", 5);
        AtomicBoolean unbound = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            started.countDown();
            unbound.set(slot.unbind(old, 10_000));
        });
        t.start();
        started.await();
        assertSame(old, inFlight.implementation(), "the batch finishes on what it entered with");
        assertEquals("new", slot.enter().name());
        assertTrue(t.isAlive() || !unbound.get(), "unbind cannot finish while the batch is inside");
        slot.exit(inFlight);
        t.join(10_000);
        assertTrue(unbound.get());
    }

    @Test
    void unbindGivesUpAfterItsTimeoutAndSaysSo() {
        Slot<IntUnaryOperator> slot = new Slot<>("s", IntUnaryOperator.class);
        IntUnaryOperator old = op(1);
        slot.bind(old, "old", 0);
        Binding<IntUnaryOperator> stuck = slot.enter();
        assertFalse(slot.unbind(old, 20));
        assertNull(slot.enter(), "an empty slot gives nothing to enter");
        slot.exit(stuck);
    }

    @Test
    void concurrentBatchesAlwaysSeeExactlyOneImplementationWhileSwapsHappen() throws Exception {
        Slot<IntUnaryOperator> slot = new Slot<>("s", IntUnaryOperator.class);
        slot.bind(op(1), "one", 0);
        slot.bind(op(2), "two", 0);
        AtomicInteger empty = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        AtomicLong batches = new AtomicLong();
        AtomicLong swaps = new AtomicLong();
        // Batches during which at least one swap happened: proof the two threads overlapped.
        AtomicLong swappedUnderABatch = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch running = new CountDownLatch(1);
        Thread batchThread = new Thread(() -> {
            running.countDown();
            while (!stop.get()) {
                long swapsBefore = swaps.get();
                Binding<IntUnaryOperator> b = slot.enter();
                if (b == null) {
                    empty.incrementAndGet();
                    continue;
                }
                int expected = b.name().equals("one") ? 2 : 3;
                if (b.implementation().applyAsInt(1) != expected) {
                    wrong.incrementAndGet();
                }
                Thread.onSpinWait();
                slot.exit(b);
                if (swaps.get() != swapsBefore) {
                    swappedUnderABatch.incrementAndGet();
                }
                batches.incrementAndGet();
            }
        }, "batches");
        batchThread.setUncaughtExceptionHandler((t, e) -> errors.add(e));
        batchThread.start();
        running.await();
        // Swap until the batches have seen many swaps happen under them, at least 2000 swaps.
        for (int i = 0; swaps.get() < 2000 || swappedUnderABatch.get() < 200; i++) {
            assertTrue(slot.select(i % 2 == 0 ? "one" : "two"));
            swaps.incrementAndGet();
            assertTrue(errors.isEmpty() && batchThread.isAlive(), () -> "the batch thread died: " + errors);
        }
        stop.set(true);
        batchThread.join();
        assertEquals(List.of(), List.copyOf(errors));
        assertEquals(0, empty.get(), "a batch found no implementation during a swap");
        assertEquals(0, wrong.get(), "a batch ran an implementation other than the one it entered");
        assertTrue(batches.get() >= swappedUnderABatch.get() && swappedUnderABatch.get() >= 200);
        slot.all().forEach(b -> assertEquals(0, b.users()));
    }

    @Test
    void theRegistryExplainsAFailedSwap() {
        SlotRegistry registry = new SlotRegistry();
        registry.slot("compress", IntUnaryOperator.class).bind(op(1), "lz4", 0);
        IllegalArgumentException noImpl = assertThrows(IllegalArgumentException.class, () -> registry.swap("compress", "zstd"));
        assertTrue(noImpl.getMessage().contains("installed: [lz4]"), noImpl.getMessage());
        IllegalArgumentException noSlot = assertThrows(IllegalArgumentException.class, () -> registry.swap("nope", "x"));
        assertTrue(noSlot.getMessage().contains("no slot named 'nope'"), noSlot.getMessage());
        assertThrows(IllegalArgumentException.class, () -> registry.slot("compress", Runnable.class));
    }
}
