package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.worker.RealtimeWhileLight.State;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A light worker runs in the realtime class; a busy one steps down at once and comes back after a
 * second of being light. Driven by a made-up clock and CPU time, so every window is exact.
 */
class RealtimeWhileLightTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A thread whose CPU time the test sets, and which records the classes it was moved to. */
    private static final class FakeThread implements RealtimeWhileLight.ThreadControl {
        final List<String> moves = new ArrayList<>();
        String realtimeRefusal;
        long cpu;

        @Override
        public String toRealtime() {
            moves.add("realtime");
            return realtimeRefusal;
        }

        @Override
        public String toNormal() {
            moves.add("normal");
            return null;
        }

        @Override
        public long cpuNanos() {
            return cpu;
        }
    }

    private final FakeThread thread = new FakeThread();
    private final LongAdder refusals = new LongAdder();
    private final LongAdder demotions = new LongAdder();
    private final LongAdder returns = new LongAdder();
    private final RealtimeWhileLight guard = new RealtimeWhileLight("w-0", thread, refusals, demotions, returns);
    private long now = 1_000 * MS;

    /** Lets {@code millis} of wall time pass in which the thread used {@code share} of a core, then ticks. */
    private void window(long millis, double share) {
        now += millis * MS;
        thread.cpu += (long) (millis * MS * share);
        guard.tick(now);
    }

    @Test
    void aWorkerThatMayTakesTheRealtimeClassWhenItStarts() {
        guard.start(true, now);
        assertEquals(State.REALTIME, guard.state());
        assertEquals(List.of("realtime"), thread.moves);
    }

    @Test
    void notAskedForTheWorkerNeverLeavesTheNormalClass() {
        guard.start(false, now);
        window(50, 1.0);
        assertEquals(State.NORMAL_ALWAYS, guard.state());
        assertEquals(List.of(), thread.moves);
    }

    @Test
    void aRefusalLeavesTheWorkerInTheNormalClassCountedAndItDoesNotAskAgain() {
        thread.realtimeRefusal = "sched_setscheduler: Operation not permitted (errno 1)";
        guard.start(true, now);
        for (int i = 0; i < 40; i++) {
            window(50, 0.0);
        }
        assertEquals(State.NORMAL_ALWAYS, guard.state());
        assertEquals(1, refusals.sum());
        assertEquals(List.of("realtime"), thread.moves);
    }

    @Test
    void aWindowAboveAFifthOfACoreMovesItToTheNormalClassAtOnce() {
        guard.start(true, now);
        window(50, 0.15);
        window(50, 0.2);
        assertEquals(State.REALTIME, guard.state(), "a fifth of a core is not busy yet");
        window(50, 0.25);
        assertEquals(State.NORMAL_WHILE_BUSY, guard.state());
        assertEquals(1, demotions.sum());
        assertEquals(List.of("realtime", "normal"), thread.moves);
    }

    @Test
    void aTickBeforeTheWindowIsOverDecidesNothing() {
        guard.start(true, now);
        window(49, 1.0);
        assertEquals(State.REALTIME, guard.state());
        window(1, 1.0);
        assertEquals(State.NORMAL_WHILE_BUSY, guard.state(), "the 50 ms window, at a whole core");
    }

    @Test
    void itReturnsAfterOneSecondOfLightWindowsNotBefore() {
        guard.start(true, now);
        window(50, 1.0);
        for (int i = 0; i < 19; i++) {
            window(50, 0.05);
        }
        assertEquals(State.NORMAL_WHILE_BUSY, guard.state(), "950 ms light");
        window(50, 0.05);
        assertEquals(State.REALTIME, guard.state());
        assertEquals(1, returns.sum());
        assertEquals(List.of("realtime", "normal", "realtime"), thread.moves);
    }

    @Test
    void oneLongIdleWaitCountsAsTheLightTimeItLasted() {
        guard.start(true, now);
        window(50, 1.0);
        window(1_200, 0.01);
        assertEquals(State.REALTIME, guard.state());
    }

    @Test
    void aWindowBetweenLightAndBusyStartsTheLightCountAgain() {
        guard.start(true, now);
        window(50, 1.0);
        for (int i = 0; i < 19; i++) {
            window(50, 0.05);
        }
        window(50, 0.15);
        for (int i = 0; i < 19; i++) {
            window(50, 0.05);
        }
        assertEquals(State.NORMAL_WHILE_BUSY, guard.state());
        window(50, 0.05);
        assertEquals(State.REALTIME, guard.state());
    }

    @Test
    void aReturnThatIsRefusedLeavesItInTheNormalClassForGood() {
        guard.start(true, now);
        window(50, 1.0);
        thread.realtimeRefusal = "sched_setscheduler: Operation not permitted (errno 1)";
        window(1_000, 0.0);
        assertEquals(State.NORMAL_ALWAYS, guard.state());
        assertEquals(1, refusals.sum());
        window(1_000, 0.0);
        assertEquals(List.of("realtime", "normal", "realtime"), thread.moves, "it does not ask again");
    }

    @Test
    void aThreadThatCannotReadItsCpuTimeDoesNotKeepTheRealtimeClass() {
        guard.start(true, now);
        now += 60 * MS;
        thread.cpu = -1;
        guard.tick(now);
        assertEquals(State.NORMAL_ALWAYS, guard.state());
        assertEquals(List.of("realtime", "normal"), thread.moves);
        assertEquals(1, refusals.sum());
    }

    @Test
    void withoutNativeAccessTheWorkerRunsInTheNormalClass() {
        RealtimeWhileLight blind = new RealtimeWhileLight("w-1", null, refusals, demotions, returns);
        blind.start(true, now);
        blind.tick(now + 100 * MS);
        assertEquals(State.NORMAL_ALWAYS, blind.state());
        assertEquals(1, refusals.sum());
    }
}
