package dev.culvert.vpn.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
