package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pause before polling a failed source again, or restarting a failed loop: growing and bounded. */
class BackoffTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void thePauseDoublesWithEachFailureInARowUpToItsBound() {
        Backoff backoff = new Backoff();
        assertEquals(10 * MS, backoff.failed(0));
        assertEquals(20 * MS, backoff.failed(0));
        assertEquals(40 * MS, backoff.failed(0));
        for (int i = 0; i < 100; i++) {
            backoff.failed(0);
        }
        assertEquals(Backoff.MAX_MILLIS * MS, backoff.failed(0), "bounded, also after very many failures");
        assertEquals(104, backoff.failuresInRow());
    }

    @Test
    void aSuccessStartsTheNextFailureFromTheFirstPause() {
        Backoff backoff = new Backoff();
        backoff.failed(0);
        backoff.failed(0);
        backoff.succeeded();
        assertEquals(0, backoff.failuresInRow());
        assertEquals(10 * MS, backoff.failed(0));
    }

    @Test
    void itIsDueOnceThePauseHasPassed() {
        Backoff backoff = new Backoff();
        backoff.failed(1_000 * MS);
        assertFalse(backoff.due(1_009 * MS));
        assertEquals(MS, backoff.remainingNanos(1_009 * MS));
        assertTrue(backoff.due(1_010 * MS));
        assertEquals(0, backoff.remainingNanos(2_000 * MS));
    }
}
