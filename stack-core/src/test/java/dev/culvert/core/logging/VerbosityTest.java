package dev.culvert.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** OpenVPN's verb ranges as java.util.logging levels. */
class VerbosityTest {
    @Test
    void verbZeroShowsErrorsOnly() {
        assertEquals(Level.SEVERE, Verbosity.levelFor(0));
    }

    @Test
    void theNormalRangeAndThePacketCharactersLevelShowInfo() {
        for (int verb = 1; verb <= 5; verb++) {
            assertEquals(Level.INFO, Verbosity.levelFor(verb), "verb " + verb);
        }
        assertEquals(Level.INFO, Verbosity.levelFor(Verbosity.DEFAULT));
    }

    @Test
    void theDebugRangeOpensStepByStep() {
        assertEquals(Level.FINE, Verbosity.levelFor(6));
        assertEquals(Level.FINE, Verbosity.levelFor(7));
        assertEquals(Level.FINER, Verbosity.levelFor(8));
        assertEquals(Level.FINER, Verbosity.levelFor(9));
        assertEquals(Level.FINEST, Verbosity.levelFor(10));
        assertEquals(Level.FINEST, Verbosity.levelFor(11));
    }

    @Test
    void aVerbOutsideOpenVpnsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Verbosity.levelFor(-1));
        assertThrows(IllegalArgumentException.class, () -> Verbosity.levelFor(12));
    }

    @Test
    void eachVerbOfTheNormalRangeShowsMoreThanTheOneBelowIt() {
        for (int verb = 1; verb < 6; verb++) {
            assertTrue(Verbosity.threshold(verb + 1).intValue() < Verbosity.threshold(verb).intValue(), "verb " + (verb + 1) + " shows more");
        }
        assertEquals(Level.INFO, Verbosity.threshold(1));
        assertEquals(Level.SEVERE, Verbosity.threshold(0));
        assertTrue(Verbosity.threshold(9).intValue() < Verbosity.threshold(0).intValue(), "verb 9 and verb 0 differ");
    }

    @Test
    void aMessageForVerbNShowsFromVerbNOnAndNotBelow() {
        for (int message = 1; message <= Verbosity.MAX; message++) {
            for (int verb = 0; verb <= Verbosity.MAX; verb++) {
                boolean shows = Verbosity.level(message).intValue() >= Verbosity.threshold(verb).intValue();
                assertEquals(verb >= message || (message == 7 && verb == 6) || (message == 9 && verb == 8) || (message == 11 && verb == 10),
                        shows, "a verb " + message + " message at verb " + verb);
            }
        }
    }

    @Test
    void theNormalRangesLevelsStayBetweenInfoAndConfig() {
        for (Level l : new Level[] {Verbosity.HANDSHAKE, Verbosity.DETAIL, Verbosity.OPTIONS, Verbosity.PACKETS}) {
            assertTrue(l.intValue() < Level.INFO.intValue() && l.intValue() > Level.CONFIG.intValue(), l.getName());
        }
    }

    @Test
    void nothingIsLoggedForVerbZeroButErrors() {
        assertThrows(IllegalArgumentException.class, () -> Verbosity.level(0));
    }
}
