package dev.culvert.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The node's log line, as OpenVPN 2.6 writes it: {@code 2026-12-02 09:40:01 message}, local time
 * to the second. The level is named only for warnings and errors (2.6 says "WARNING:" or "ERROR:"
 * in those messages' text and nothing in the others), and neither the logger nor the class is
 * named: an operator reads what happened, and a developer finds it by the text. Each line of a
 * message of several lines (a status report) gets the time, so that a {@code grep} of the log
 * keeps them dated. A message that already says its level, as 2.6's own texts do ("WARNING: External
 * program may not be called…"), is not labelled twice.
 */
public final class LogLineFormat extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    /** Local time, as 2.6 writes it. Public with no arguments so that {@code logging.properties} can name it for any handler. */
    public LogLineFormat() {
        this(ZoneId.systemDefault());
    }

    LogLineFormat(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String format(LogRecord record) {
        String stamp = TIME.format(record.getInstant().atZone(zone)) + " ";
        String message = formatMessage(record);
        String label = label(record.getLevel());
        String text = (message.startsWith(label) ? "" : label) + message + thrown(record);
        StringBuilder out = new StringBuilder(text.length() + 24);
        text.lines().forEach(line -> out.append(stamp).append(line).append('\n'));
        return out.toString();
    }

    private static String label(Level level) {
        if (level.intValue() >= Level.SEVERE.intValue()) {
            return "ERROR: ";
        }
        return level.intValue() >= Level.WARNING.intValue() ? "WARNING: " : "";
    }

    private static String thrown(LogRecord record) {
        if (record.getThrown() == null) {
            return "";
        }
        StringWriter trace = new StringWriter();
        trace.append('\n');
        record.getThrown().printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
