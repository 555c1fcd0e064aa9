package dev.culvert.vpn.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** packet_id.c semantics for the short form (the data channel), default n = 64, t = 15 s. */
class ReplayWindowTest {
    static final long S = 1_000_000_000L;
    final ReplayWindow w = new ReplayWindow();

    boolean take(long id) {
        return w.accept(id, 0).accepted();
    }

    @Test
    void idZeroIsAlwaysRefused() {
        assertFalse(take(0));
        assertTrue(take(1));
        assertFalse(take(0));
    }

    @Test
    void acceptsRisingIdsAndRefusesDuplicates() {
        assertTrue(take(1));
        assertTrue(take(2));
        assertFalse(take(2));
        assertFalse(take(1));
        assertTrue(take(3));
        assertEquals(3, w.highest());
    }

    @Test
    void acceptsReorderedIdsOnceInsideTheWindow() {
        assertTrue(take(10));
        assertTrue(take(7));
        assertFalse(take(7));
        assertTrue(take(9));
        assertTrue(take(8));
        assertFalse(take(10));
    }

    @Test
    void theFirstPacketOpensTheWindowBelowIt() {
        assertTrue(take(5));
        for (long id = 1; id < 5; id++) {
            assertTrue(take(id), "id " + id);
        }
    }

    @Test
    void windowEdgeIsSizeMinusOneBelowTheHighest() {
        assertTrue(take(100));
        assertFalse(w.check(36, 0).accepted(), "64 below the highest is outside");
        assertTrue(w.check(37, 0).accepted(), "63 below the highest is the last slot");
        assertTrue(take(37));
        assertTrue(take(101));
        assertFalse(take(37), "now 64 below the highest, outside");
        assertTrue(take(38));
        assertFalse(take(38), "a duplicate at the edge");
    }

    @Test
    void oldIdsBeyondTheWindowAreRefusedEvenIfNeverSeen() {
        assertTrue(take(1));
        assertTrue(take(200));
        assertFalse(take(2));
        assertFalse(take(136));
        assertTrue(take(137));
    }

    @Test
    void aJumpInsideTheWindowKeepsTheGapOpen() {
        assertTrue(take(10));
        assertTrue(take(50));
        for (long id = 11; id < 50; id++) {
            assertTrue(take(id), "id " + id);
        }
        assertTrue(take(9), "9 is 41 below 50, still inside");
    }

    @Test
    void checkAloneRecordsNothing() {
        assertTrue(w.check(5, 0).accepted());
        assertTrue(w.check(5, 0).accepted());
        assertEquals(0, w.highest());
    }

    @Test
    void theTopOfTheShortFormAndTheWrapToZero() {
        assertTrue(take(0xFFFF_FFFEL));
        assertTrue(take(0xFFFF_FFFFL));
        assertFalse(take(0), "a wrapped id is 0, refused");
        assertFalse(take(1), "and restarting low is far outside the window");
        assertFalse(w.check(0x1_0000_0000L, 0).accepted(), "nothing above 32 bits");
        assertTrue(take(0xFFFF_FFFDL));
    }

    @Test
    void unseenSlotsOlderThanAStaleOneExpire() {
        assertTrue(w.accept(10, 0).accepted());
        assertTrue(w.check(9, 15 * S).accepted(), "at exactly t seconds the slot is still fresh");
        assertFalse(w.check(9, 16 * S).accepted(), "past t the slot of 10 expires, and 9 with it");
        assertTrue(w.accept(11, 16 * S).accepted(), "new ids still pass");
    }

    @Test
    void expiryStartsAtTheFirstStaleSlotCountingFromTheNewest() {
        assertTrue(w.accept(5, 0).accepted());
        assertTrue(w.accept(10, 20 * S).accepted());
        assertTrue(w.check(7, 20 * S).accepted(), "7 is newer than the stale 5");
        assertFalse(w.check(4, 20 * S).accepted(), "4 is older than the stale 5");
        assertFalse(w.check(5, 20 * S).accepted());
    }

    @Test
    void aClockGoingBackwardsExpiresNothing() {
        assertTrue(w.accept(10, 100 * S).accepted());
        assertTrue(w.check(9, 50 * S).accepted());
        assertTrue(w.check(9, -3 * S).accepted());
    }

    @Test
    void timeBacktrackZeroNeverExpires() {
        ReplayWindow forever = new ReplayWindow(64, 0);
        assertTrue(forever.accept(10, 0).accepted());
        assertTrue(forever.check(9, 10_000 * S).accepted());
    }

    @Test
    void windowOfZeroIsSequential() {
        ReplayWindow seq = new ReplayWindow(0, 15);
        assertTrue(seq.accept(7, 0).accepted(), "a sequence may start anywhere");
        assertTrue(seq.accept(8, 0).accepted());
        assertFalse(seq.accept(8, 0).accepted());
        assertFalse(seq.accept(10, 0).accepted(), "no gaps");
        assertFalse(seq.accept(6, 0).accepted());
        assertTrue(seq.accept(9, 0).accepted());
        assertFalse(seq.accept(0, 0).accepted());
    }

    @Test
    void aWindowOfOneRemembersOnlyTheHighest() {
        ReplayWindow one = new ReplayWindow(1, 15);
        assertTrue(one.accept(3, 0).accepted());
        assertFalse(one.accept(2, 0).accepted());
        assertFalse(one.accept(3, 0).accepted());
        assertTrue(one.accept(4, 0).accepted());
    }

    @Test
    void theLargestWindowWorks() {
        ReplayWindow big = new ReplayWindow(65536, 15);
        assertTrue(big.accept(100_000, 0).accepted());
        assertTrue(big.accept(100_000 - 65535, 0).accepted());
        assertFalse(big.accept(100_000 - 65536, 0).accepted());
    }

    @Test
    void refusesSettingsOutsideOpenvpnsRanges() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(65537, 15));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(-1, 15));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(64, 601));
    }

    @Test
    void eachRefusalSaysWhy() {
        ReplayWindow window = new ReplayWindow();
        assertEquals(ReplayVerdict.ZERO_ID, window.accept(0, 0));
        assertEquals(ReplayVerdict.ACCEPTED, window.accept(100, 0));
        assertEquals(ReplayVerdict.DUPLICATE, window.accept(100, 0));
        assertEquals(ReplayVerdict.TOO_OLD, window.accept(36, 0));
        assertEquals(ReplayVerdict.OUT_OF_RANGE, window.accept(-1, 0));
        assertEquals(ReplayVerdict.OUT_OF_RANGE, window.accept(0x1_0000_0000L, 0));
        assertEquals(ReplayVerdict.EXPIRED, window.accept(99, 16 * S));
        assertEquals(100, window.highest(), "no refusal moves the window");
    }

    @Test
    void sequentialModeNamesItsRefusal() {
        ReplayWindow seq = new ReplayWindow(0, 15);
        assertEquals(ReplayVerdict.ACCEPTED, seq.accept(1, 0));
        assertEquals(ReplayVerdict.OUT_OF_SEQUENCE, seq.accept(3, 0));
        assertEquals(ReplayVerdict.OUT_OF_SEQUENCE, seq.accept(1, 0));
    }

    @Test
    void theBacktrackSizeIsWhatWasAskedFor() {
        assertEquals(64, new ReplayWindow().size(), "2.6's default");
        ReplayWindow small = new ReplayWindow(8, 15);
        assertEquals(8, small.size());
        assertTrue(small.accept(20, 0).accepted());
        assertTrue(small.accept(13, 0).accepted(), "7 behind fits in 8");
        assertEquals(ReplayVerdict.TOO_OLD, small.accept(12, 0), "8 behind does not");
    }

    @Test
    void aStatelessReceiverRefusesOnlyIdZero() {
        assertEquals(ReplayVerdict.ZERO_ID, ReplayWindow.checkWithoutState(0));
        assertEquals(ReplayVerdict.ACCEPTED, ReplayWindow.checkWithoutState(1));
    }
}
