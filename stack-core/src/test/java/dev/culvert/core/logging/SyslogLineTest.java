package dev.culvert.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** A syslog line as glibc's syslog(3) writes it to /dev/log: priority, date, program[pid], message. */
class SyslogLineTest {
    private static final Instant AT = Instant.parse("2026-12-02T09:40:01Z");

    @Test
    void anInformationalLineIsDaemonInfoWithTheProgramAndPid() {
        assertEquals("<30>Dec  2 09:40:01 culvert[4711]: Initialization Sequence Completed",
                SyslogLine.of(Level.INFO, AT, ZoneOffset.UTC, "culvert", 4711, "Initialization Sequence Completed"));
    }

    @Test
    void theSeverityFollowsTheLevel() {
        assertEquals(3, SyslogLine.severity(Level.SEVERE));
        assertEquals(4, SyslogLine.severity(Level.WARNING));
        assertEquals(6, SyslogLine.severity(Verbosity.level(4)));
        assertEquals(7, SyslogLine.severity(Level.FINE));
    }

    @Test
    void aTwoDigitDayIsNotPadded() {
        assertEquals("<27>Dec 12 09:40:01 vpn[1]: x",
                SyslogLine.of(Level.SEVERE, Instant.parse("2026-12-12T09:40:01Z"), ZoneOffset.UTC, "vpn", 1, "x"));
    }
}
