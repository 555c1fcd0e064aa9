package dev.culvert.core.logging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Level;

/**
 * One message as the local syslog reads it from {@code /dev/log} (RFC 3164, as glibc's
 * {@code syslog(3)} writes it, which is what 2.6's {@code --syslog} uses):
 * {@code <30>Dec  2 09:40:01 culvert[4711]: message}, facility daemon, the severity from the level.
 */
public final class SyslogLine {
    /** LOG_DAEMON, as 2.6 opens its syslog. */
    static final int FACILITY_DAEMON = 3;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private SyslogLine() {
    }

    /** The syslog severity of a level: err, warning, info (verb 1 to 5) or debug (verb 6 on). */
    static int severity(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return 3;
        }
        if (v >= Level.WARNING.intValue()) {
            return 4;
        }
        return v > Level.CONFIG.intValue() ? 6 : 7;
    }

    /** The datagram for one line of a message. */
    public static String of(Level level, Instant at, ZoneId zone, String program, long pid, String text) {
        int priority = FACILITY_DAEMON * 8 + severity(level);
        return "<" + priority + ">" + STAMP.format(at.atZone(zone)) + " " + program + "[" + pid + "]: " + text;
    }
}
