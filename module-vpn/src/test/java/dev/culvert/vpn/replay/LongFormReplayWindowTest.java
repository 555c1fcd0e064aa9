package dev.culvert.vpn.replay;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The long form (tls-auth, tls-crypt): id and sender time, default n = 64, t = 15 s. */
class LongFormReplayWindowTest {
    private static final long S = 1_000_000_000L;
    private final ReplayWindow window = new ReplayWindow();

    @Test
    void idZeroIsAlwaysRefused() {
        assertSame(ReplayVerdict.ZERO_ID, window.accept(0, 100, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.accept(1, 100, 0));
        assertSame(ReplayVerdict.ZERO_ID, window.accept(0, 101, 0));
    }

    @Test
    void inOrderAndLateIdsPassOnceEach() {
        assertSame(ReplayVerdict.ACCEPTED, window.accept(1, 100, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.accept(5, 100, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.accept(3, 100, 0));
        assertSame(ReplayVerdict.DUPLICATE, window.accept(3, 100, 0));
        assertSame(ReplayVerdict.DUPLICATE, window.accept(5, 100, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.accept(2, 100, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.accept(4, 100, 0));
        assertSame(ReplayVerdict.DUPLICATE, window.accept(1, 100, 0));
    }

    @Test
    void anIdSixtyFourBehindIsTooOld() {
        assertSame(ReplayVerdict.ACCEPTED, window.accept(100, 7, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.accept(37, 7, 0), "63 behind still fits");
        assertSame(ReplayVerdict.TOO_OLD, window.accept(36, 7, 0));
    }

    @Test
    void aLateIdExpiresFifteenSecondsAfterANewerOneArrived() {
        assertSame(ReplayVerdict.ACCEPTED, window.accept(1, 7, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.accept(3, 7, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.check(2, 7, 15 * S), "exactly 15 s is still in time");
        assertSame(ReplayVerdict.EXPIRED, window.accept(2, 7, 15 * S + 1));
    }

    @Test
    void aLaterTimeStartsANewSequenceAndAnEarlierOneIsRefused() {
        assertSame(ReplayVerdict.ACCEPTED, window.accept(50, 7, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.accept(1, 8, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.accept(2, 8, 0));
        assertSame(ReplayVerdict.OLD_TIME, window.accept(51, 7, 0));
        assertSame(ReplayVerdict.DUPLICATE, window.accept(1, 8, 0));
    }

    @Test
    void checkChangesNothing() {
        assertSame(ReplayVerdict.ACCEPTED, window.check(1, 7, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.check(1, 7, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.accept(1, 7, 0));
        assertSame(ReplayVerdict.DUPLICATE, window.check(1, 7, 0));
    }

    @Test
    void aBigJumpForgetsEverySlot() {
        assertSame(ReplayVerdict.ACCEPTED, window.accept(1, 7, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.accept(1000, 7, 0));
        assertSame(ReplayVerdict.ACCEPTED, window.accept(999, 7, 0));
        assertSame(ReplayVerdict.TOO_OLD, window.accept(1, 7, 0));
    }

    @Test
    void anIdNeverWrapsWithinOneTimeOnlyANewTimeRestartsIt() {
        assertSame(ReplayVerdict.ACCEPTED, window.accept(0xFFFF_FFFFL, 7, 0));
        assertSame(ReplayVerdict.TOO_OLD, window.accept(1, 7, 0), "restarting low under the same time");
        assertSame(ReplayVerdict.ACCEPTED, window.accept(1, 8, 0), "a later time may start again at 1");
    }

    @Test
    void timesAndIdsWiderThan32BitsAreRefused() {
        assertSame(ReplayVerdict.OUT_OF_RANGE, window.accept(1, 0x1_0000_0000L, 0));
        assertSame(ReplayVerdict.OUT_OF_RANGE, window.accept(0x1_0000_0000L, 7, 0));
        assertSame(ReplayVerdict.OUT_OF_RANGE, window.accept(1, -1, 0));
    }
}
