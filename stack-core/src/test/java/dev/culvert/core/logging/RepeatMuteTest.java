package dev.culvert.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** mute N as OpenVPN 2.6's dont_mute: N consecutive messages of a category pass, then a note, then the count of the rest. */
class RepeatMuteTest {
    private final List<String> notes = new ArrayList<>();

    private static LogRecord record(String logger, Level level) {
        LogRecord r = new LogRecord(level, "message");
        r.setLoggerName(logger);
        return r;
    }

    /** Which of {@code records} pass, as a string of 1s and 0s. */
    private String pass(RepeatMute mute, LogRecord... records) {
        StringBuilder out = new StringBuilder();
        for (LogRecord r : records) {
            out.append(mute.isLoggable(r) ? '1' : '0');
        }
        return out.toString();
    }

    @Test
    void aRunOfOneCategoryIsCutAfterNAndItsEndIsCounted() {
        RepeatMute mute = new RepeatMute(2, notes::add);
        String a = "dev.culvert.vpn.server.ClientLifecycle";
        String b = "dev.culvert.core.worker.Worker";

        assertEquals("11000" + "1", pass(mute, record(a, Level.WARNING), record(a, Level.WARNING), record(a, Level.WARNING),
                record(a, Level.WARNING), record(a, Level.WARNING), record(b, Level.WARNING)));

        assertEquals(List.of("NOTE: --mute triggered...", "3 variation(s) on previous 2 message(s) suppressed by --mute"), notes);
    }

    @Test
    void anotherCategoryStartsANewRun() {
        RepeatMute mute = new RepeatMute(1, notes::add);
        LogRecord a = record("x", Level.INFO);
        LogRecord b = record("y", Level.INFO);
        assertEquals("1111", pass(mute, a, b, a, b));
        assertEquals(List.of(), notes);
    }

    @Test
    void theSameLoggerAtAnotherLevelIsAnotherCategory() {
        RepeatMute mute = new RepeatMute(1, notes::add);
        assertEquals("1101", pass(mute, record("x", Level.INFO), record("x", Level.WARNING), record("x", Level.WARNING),
                record("x", Level.INFO)));
        assertEquals(List.of("NOTE: --mute triggered...", "1 variation(s) on previous 1 message(s) suppressed by --mute"), notes);
    }

    @Test
    void aMessageSeveralHandlersAskAboutCountsOnce() {
        RepeatMute mute = new RepeatMute(1, notes::add);
        LogRecord first = record("x", Level.INFO);
        LogRecord second = record("x", Level.INFO);
        assertEquals("1100", pass(mute, first, first, second, second), "each handler gets the same answer");
        assertEquals(List.of("NOTE: --mute triggered..."), notes, "and the note comes once");
    }

    @Test
    void muteZeroLetsEverythingThrough() {
        RepeatMute mute = new RepeatMute(0, notes::add);
        LogRecord a = record("x", Level.INFO);
        assertEquals("11111", pass(mute, a, a, a, a, a));
        assertEquals(List.of(), notes);
    }

    @Test
    void aNegativeCutoffIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RepeatMute(-1, notes::add));
    }
}
