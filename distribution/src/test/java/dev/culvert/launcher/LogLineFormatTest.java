package dev.culvert.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The node's log line: OpenVPN 2.6's date and time, then the message; no logger, and a level only when it matters. */
class LogLineFormatTest {
    private final LogLineFormat format = new LogLineFormat(ZoneOffset.UTC);

    private static LogRecord record(Level level, String message) {
        LogRecord r = new LogRecord(level, message);
        r.setInstant(Instant.parse("2026-12-02T09:40:01.731Z"));
        r.setLoggerName("dev.culvert.vpn.server.ServerNode");
        return r;
    }

    @Test
    void anInformationalLineIsTheTimeAndTheMessage() {
        assertEquals("2026-12-02 09:40:01 Initialization Sequence Completed\n",
                format.format(record(Level.INFO, "Initialization Sequence Completed")));
    }

    @Test
    void warningsAndErrorsSayWhatTheyAre() {
        assertEquals("2026-12-02 09:40:01 WARNING: no route\n", format.format(record(Level.WARNING, "no route")));
        assertEquals("2026-12-02 09:40:01 ERROR: port in use\n", format.format(record(Level.SEVERE, "port in use")));
    }

    @Test
    void aMessageThatAlreadySaysItsLevelIsNotLabelledTwice() {
        assertEquals("2026-12-02 09:40:01 WARNING: the route-up script failed\n",
                format.format(record(Level.WARNING, "WARNING: the route-up script failed")));
        assertEquals("2026-12-02 09:40:01 ERROR: port in use\n", format.format(record(Level.SEVERE, "ERROR: port in use")));
        assertEquals("2026-12-02 09:40:01 WARNING: the script said WARNING: low disk\n",
                format.format(record(Level.WARNING, "the script said WARNING: low disk")));
    }

    @Test
    void theFinerLevelsOfTheNormalRangeLookLikeInfo() {
        Level verb3 = Level.parse(Integer.toString(Level.INFO.intValue() - 2));
        assertEquals("2026-12-02 09:40:01 pushed routes\n", format.format(record(verb3, "pushed routes")));
    }

    @Test
    void everyLineOfAReportIsDated() {
        String out = format.format(record(Level.INFO, "stopping; counters:\n  clients: admitted 1\n  worker 0 pool 0 out"));
        assertEquals("""
                2026-12-02 09:40:01 stopping; counters:
                2026-12-02 09:40:01   clients: admitted 1
                2026-12-02 09:40:01   worker 0 pool 0 out
                """, out);
    }

    @Test
    void neitherTheLoggerNorTheClassIsNamed() {
        String out = format.format(record(Level.INFO, "client alice connected"));
        assertTrue(!out.contains("ServerNode") && !out.contains("INFO"), out);
    }

    @Test
    void aThrowableFollowsWithItsTrace() {
        LogRecord r = record(Level.WARNING, "closing failed");
        r.setThrown(new IllegalStateException("boom"));
        String out = format.format(r);
        assertTrue(out.startsWith("2026-12-02 09:40:01 WARNING: closing failed\n2026-12-02 09:40:01 java.lang.IllegalStateException: boom\n"), out);
    }
}
