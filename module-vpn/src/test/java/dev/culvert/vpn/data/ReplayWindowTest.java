package dev.culvert.vpn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** packet_id.c semantics for the short form, default n = 64, t = 15 s. */
class ReplayWindowTest {
    static final long S = 1_000_000_000L;
    final ReplayWindow w = new ReplayWindow();

    boolean take(long id) {
        return w.checkAndAccept(id, 0);
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
        assertFalse(w.check(36, 0), "64 below the highest is outside");
        assertTrue(w.check(37, 0), "63 below the highest is the last slot");
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
        assertTrue(w.check(5, 0));
        assertTrue(w.check(5, 0));
        assertEquals(0, w.highest());
    }

    @Test
    void theTopOfTheShortFormAndTheWrapToZero() {
        assertTrue(take(0xFFFF_FFFEL));
        assertTrue(take(0xFFFF_FFFFL));
        assertFalse(take(0), "a wrapped id is 0, refused");
        assertFalse(take(1), "and restarting low is far outside the window");
        assertFalse(w.check(0x1_0000_0000L, 0), "nothing above 32 bits");
        assertTrue(take(0xFFFF_FFFDL));
    }

    @Test
    void unseenSlotsOlderThanAStaleOneExpire() {
        assertTrue(w.checkAndAccept(10, 0));
        assertTrue(w.check(9, 15 * S), "at exactly t seconds the slot is still fresh");
        assertFalse(w.check(9, 16 * S), "past t the slot of 10 expires, and 9 with it");
        assertTrue(w.checkAndAccept(11, 16 * S), "new ids still pass");
    }

    @Test
    void expiryStartsAtTheFirstStaleSlotCountingFromTheNewest() {
        assertTrue(w.checkAndAccept(5, 0));
        assertTrue(w.checkAndAccept(10, 20 * S));
        assertTrue(w.check(7, 20 * S), "7 is newer than the stale 5");
        assertFalse(w.check(4, 20 * S), "4 is older than the stale 5");
        assertFalse(w.check(5, 20 * S));
    }

    @Test
    void aClockGoingBackwardsExpiresNothing() {
        assertTrue(w.checkAndAccept(10, 100 * S));
        assertTrue(w.check(9, 50 * S));
        assertTrue(w.check(9, -3 * S));
    }

    @Test
    void timeBacktrackZeroNeverExpires() {
        ReplayWindow forever = new ReplayWindow(64, 0);
        assertTrue(forever.checkAndAccept(10, 0));
        assertTrue(forever.check(9, 10_000 * S));
    }

    @Test
    void windowOfZeroIsSequential() {
        ReplayWindow seq = new ReplayWindow(0, 15);
        assertTrue(seq.checkAndAccept(7, 0), "a sequence may start anywhere");
        assertTrue(seq.checkAndAccept(8, 0));
        assertFalse(seq.checkAndAccept(8, 0));
        assertFalse(seq.checkAndAccept(10, 0), "no gaps");
        assertFalse(seq.checkAndAccept(6, 0));
        assertTrue(seq.checkAndAccept(9, 0));
        assertFalse(seq.checkAndAccept(0, 0));
    }

    @Test
    void aWindowOfOneRemembersOnlyTheHighest() {
        ReplayWindow one = new ReplayWindow(1, 15);
        assertTrue(one.checkAndAccept(3, 0));
        assertFalse(one.checkAndAccept(2, 0));
        assertFalse(one.checkAndAccept(3, 0));
        assertTrue(one.checkAndAccept(4, 0));
    }

    @Test
    void theLargestWindowWorks() {
        ReplayWindow big = new ReplayWindow(65536, 15);
        assertTrue(big.checkAndAccept(100_000, 0));
        assertTrue(big.checkAndAccept(100_000 - 65535, 0));
        assertFalse(big.checkAndAccept(100_000 - 65536, 0));
    }

    @Test
    void refusesSettingsOutsideOpenvpnsRanges() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(65537, 15));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(-1, 15));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(64, 601));
    }
}
