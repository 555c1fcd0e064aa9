package dev.culvert.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
