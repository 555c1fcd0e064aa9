package dev.culvert.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** verb and mute reach the process's log output: Culvert's loggers' level, and the root handlers' filter. */
class LogSettingsTest {
    private final Logger root = Logger.getLogger("");
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final StreamHandler handler = new StreamHandler(written, new SimpleFormatter());

    @AfterEach
    void restore() {
        LogSettings.apply(OptionalInt.empty(), 0);
        root.removeHandler(handler);
    }

    private String output() {
        handler.flush();
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verbSetsTheLevelOfEveryCulvertLoggerAndNoVerbLeavesItToTheLoggingConfiguration() {
        LogSettings.apply(OptionalInt.of(0), 0);
        assertEquals(Level.SEVERE, LogSettings.verbLevel());
        Logger worker = Logger.getLogger("dev.culvert.core.worker.Worker");
        assertEquals(false, worker.isLoggable(Level.WARNING), "verb 0: errors only");
        assertEquals(true, worker.isLoggable(Level.SEVERE));

        LogSettings.apply(OptionalInt.of(7), 0);
        assertEquals(true, worker.isLoggable(Level.FINE));

        LogSettings.apply(OptionalInt.empty(), 0);
        assertNull(LogSettings.verbLevel());
    }

    @Test
    void muteHoldsBackARunOfRepeatsOnTheOutputAndSaysHowManyWereHeld() {
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        LogSettings.apply(OptionalInt.empty(), 2);
        Logger noisy = Logger.getLogger("dev.culvert.test.Noisy");
        Logger other = Logger.getLogger("dev.culvert.test.Other");
        for (int i = 1; i <= 5; i++) {
            noisy.warning("refusing stranger " + i);
        }
        other.warning("something else");

        String out = output();
        assertEquals(true, out.contains("refusing stranger 2"), out);
        assertEquals(false, out.contains("refusing stranger 3"), out);
        assertEquals(true, out.contains("NOTE: --mute triggered..."), out);
        assertEquals(true, out.contains("3 variation(s) on previous 2 message(s) suppressed by --mute"), out);
        assertEquals(true, out.contains("something else"), out);
    }

    @Test
    void muteZeroTakesTheFilterOffAgain() {
        LogSettings.apply(OptionalInt.empty(), 3);
        LogSettings.apply(OptionalInt.empty(), 0);
        for (var h : root.getHandlers()) {
            assertNull(h.getFilter());
        }
    }
}
