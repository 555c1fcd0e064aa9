package dev.culvert.vpn.control;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    private static final long S = 1_000_000_000L;
    private final ReplayWindow window = new ReplayWindow();

    @Test
    void idZeroIsAlwaysRefused() {
        assertSame(WrapDrops.REPLAY_ZERO_ID, window.accept(0, 100, 0));
        assertNull(window.accept(1, 100, 0));
        assertSame(WrapDrops.REPLAY_ZERO_ID, window.accept(0, 101, 0));
    }

    @Test
    void inOrderAndLateIdsPassOnceEach() {
        assertNull(window.accept(1, 100, 0));
        assertNull(window.accept(5, 100, 0));
        assertNull(window.accept(3, 100, 0));
        assertSame(WrapDrops.REPLAY, window.accept(3, 100, 0));
        assertSame(WrapDrops.REPLAY, window.accept(5, 100, 0));
        assertNull(window.accept(2, 100, 0));
        assertNull(window.accept(4, 100, 0));
        assertSame(WrapDrops.REPLAY, window.accept(1, 100, 0));
    }

    @Test
    void anIdSixtyFourBehindIsTooOld() {
        assertNull(window.accept(100, 7, 0));
        assertNull(window.accept(37, 7, 0), "63 behind still fits");
        assertSame(WrapDrops.REPLAY_TOO_OLD, window.accept(36, 7, 0));
    }

    @Test
    void aLateIdExpiresFifteenSecondsAfterANewerOneArrived() {
        assertNull(window.accept(1, 7, 0));
        assertNull(window.accept(3, 7, 0));
        assertNull(window.check(2, 7, 15 * S), "exactly 15 s is still in time");
        assertSame(WrapDrops.REPLAY_EXPIRED, window.accept(2, 7, 15 * S + 1));
    }

    @Test
    void aLaterTimeStartsANewSequenceAndAnEarlierOneIsRefused() {
        assertNull(window.accept(50, 7, 0));
        assertNull(window.accept(1, 8, 0));
        assertNull(window.accept(2, 8, 0));
        assertSame(WrapDrops.REPLAY_OLD_TIME, window.accept(51, 7, 0));
        assertSame(WrapDrops.REPLAY, window.accept(1, 8, 0));
    }

    @Test
    void checkChangesNothing() {
        assertNull(window.check(1, 7, 0));
        assertNull(window.check(1, 7, 0));
        assertNull(window.accept(1, 7, 0));
        assertSame(WrapDrops.REPLAY, window.check(1, 7, 0));
    }

    @Test
    void aBigJumpForgetsEverySlot() {
        assertNull(window.accept(1, 7, 0));
        assertNull(window.accept(1000, 7, 0));
        assertNull(window.accept(999, 7, 0));
        assertSame(WrapDrops.REPLAY_TOO_OLD, window.accept(1, 7, 0));
    }
}
