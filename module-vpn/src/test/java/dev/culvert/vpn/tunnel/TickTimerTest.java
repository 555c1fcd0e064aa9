package dev.culvert.vpn.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.worker.ControlExecutor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TickTimerTest {
    @Test
    void theClampKeepsADueSessionFromSpinningAndAFarOneWithinASecond() {
        long now = 1_000_000_000L;
        assertEquals(TickTimer.MIN_NANOS, TickTimer.delayNanos(now, now - 5), "already due");
        assertEquals(TickTimer.MIN_NANOS, TickTimer.delayNanos(now, now));
        assertEquals(300_000_000L, TickTimer.delayNanos(now, now + 300_000_000L));
        assertEquals(TickTimer.MAX_NANOS, TickTimer.delayNanos(now, now + TimeUnit.HOURS.toNanos(1)));
        assertEquals(TickTimer.MAX_NANOS, TickTimer.delayNanos(now, Long.MAX_VALUE));
    }

    @Test
    void aServersRestingSessionsUseALongerClampThatNoClampGoesBelowTheDefault() {
        long now = 1_000_000_000L;
        long tenSeconds = TimeUnit.SECONDS.toNanos(10);
        assertEquals(TimeUnit.SECONDS.toNanos(7), TickTimer.delayNanos(now, now + TimeUnit.SECONDS.toNanos(7), tenSeconds));
        assertEquals(tenSeconds, TickTimer.delayNanos(now, now + TimeUnit.HOURS.toNanos(1), tenSeconds));
        assertThrows(IllegalArgumentException.class, () -> new TickTimer(null, null, "short", TickTimer.MAX_NANOS - 1));
    }

    /** A control packet sent outside a tick (a PUSH_REPLY once a hook answered) needs a tick within a second, for its retransmission. */
    @Test
    void soonBringsAFarTickForwardAndLeavesANearOneBe() throws Exception {
        try (ControlExecutor control = new ControlExecutor(2, 64)) {
            ControlStrand strand = new ControlStrand(control, "tick-test", 64);
            TickTimer ticks = new TickTimer(control, strand, "tick-test", TimeUnit.HOURS.toNanos(1));
            CountDownLatch ticked = new CountDownLatch(1);
            long now = System.nanoTime();
            ticks.rearm(now, now + TimeUnit.HOURS.toNanos(1), ticked::countDown);
            assertFalse(ticked.await(100, TimeUnit.MILLISECONDS), "armed an hour away");
            ticks.soon(System.nanoTime());
            assertTrue(ticked.await(10, TimeUnit.SECONDS), "brought forward to within a second");

            AtomicInteger near = new AtomicInteger();
            CountDownLatch nearTicked = new CountDownLatch(1);
            long t = System.nanoTime();
            ticks.rearm(t, t + TimeUnit.MILLISECONDS.toNanos(200), () -> {
                near.incrementAndGet();
                nearTicked.countDown();
            });
            ticks.soon(t);
            assertTrue(nearTicked.await(10, TimeUnit.SECONDS));
            Thread.sleep(TickTimer.MAX_NANOS / 1_000_000 + 200);
            assertEquals(1, near.get(), "soon left the nearer tick as it was, and armed no second one");
            ticks.stop();
        }
    }

    @Test
    void aRearmReplacesTheTickArmedBeforeAndStopArmsNoMore() throws Exception {
        try (ControlExecutor control = new ControlExecutor(2, 64)) {
            ControlStrand strand = new ControlStrand(control, "tick-test", 64);
            TickTimer ticks = new TickTimer(control, strand, "tick-test");
            AtomicInteger stale = new AtomicInteger();
            CountDownLatch fresh = new CountDownLatch(1);
            long now = System.nanoTime();
            ticks.rearm(now, now + TimeUnit.HOURS.toNanos(1), stale::incrementAndGet);
            ticks.rearm(now, now, fresh::countDown);
            assertTrue(fresh.await(10, TimeUnit.SECONDS));
            ticks.stop();
            ticks.rearm(now, now, stale::incrementAndGet);
            assertEquals(0, control.pendingTimers(), "neither the replaced tick nor one after stop is armed");
            assertEquals(0, stale.get());
        }
    }
}
