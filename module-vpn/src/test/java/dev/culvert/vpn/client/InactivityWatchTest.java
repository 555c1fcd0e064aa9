package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** 2.6's inactive N [BYTES]: the timer restarts whenever BYTES of traffic (any, for 0) have passed since it last did. */
class InactivityWatchTest {
    private static final long S = 1_000_000_000L;

    @Test
    void withoutTrafficItExpiresNSecondsAfterTheStart() {
        InactivityWatch w = new InactivityWatch(10, 0, 0);
        assertFalse(w.expired(0, 9 * S));
        assertTrue(w.expired(0, 10 * S));
    }

    @Test
    void anyTrafficRestartsTheTimerWhenNoBytesAreGiven() {
        InactivityWatch w = new InactivityWatch(10, 0, 0);
        assertFalse(w.expired(1, 8 * S));
        assertFalse(w.expired(1, 17 * S));
        assertTrue(w.expired(1, 18 * S));
    }

    @Test
    void withBytesOnlyThatMuchTrafficSinceTheLastRestartCounts() {
        InactivityWatch w = new InactivityWatch(10, 1_000, 0);
        assertFalse(w.expired(600, 5 * S), "600 bytes: not yet activity");
        assertTrue(w.expired(900, 10 * S), "900 in total is still less than 1000");
        InactivityWatch v = new InactivityWatch(10, 1_000, 0);
        assertFalse(v.expired(600, 5 * S));
        assertFalse(v.expired(1_100, 9 * S), "1100 reached the minimum at 9 s");
        assertFalse(v.expired(1_200, 18 * S));
        assertTrue(v.expired(1_200, 19 * S));
    }

    @Test
    void aNewSessionStartsTheTimerAndTheCountAgain() {
        InactivityWatch w = new InactivityWatch(10, 0, 0);
        assertFalse(w.expired(500, 5 * S));
        w.restart(12 * S);
        assertFalse(w.expired(0, 21 * S), "the new session's total starts at 0: no traffic, but 9 s only");
        assertTrue(w.expired(0, 22 * S));
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InactivityWatch(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new InactivityWatch(5, -1, 0));
    }
}
