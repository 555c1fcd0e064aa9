package dev.culvert.launcher;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * Writes the log to standard output in {@link LogLineFormat}, as OpenVPN 2.6 writes its log to
 * stdout unless {@code log} or {@code syslog} says otherwise; the JDK's ConsoleHandler would write
 * to stderr, apart from the launcher's own lines. Every line is flushed at once, so that a service
 * manager or a {@code tail -f} sees it when it happens.
 */
public final class StdoutLogHandler extends StreamHandler {
    /** {@code logging.properties} names this class. */
    public StdoutLogHandler() {
        super(System.out, new LogLineFormat());
        setLevel(Level.ALL);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
    }

    /** Flushes instead of closing: System.out outlives the log. */
    @Override
    public synchronized void close() {
        flush();
    }
}
