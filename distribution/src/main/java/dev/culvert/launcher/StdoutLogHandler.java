package dev.culvert.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.ErrorManager;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * Writes the log to standard output in {@link LogLineFormat}, as OpenVPN 2.6 writes its log to
 * stdout unless {@code log} or {@code syslog} says otherwise; the JDK's ConsoleHandler would write
 * to stderr, apart from the launcher's own lines. Every line is flushed at once, so that a service
 * manager or a {@code tail -f} sees it when it happens.
 *
 * <p>When the Gogo shell shares the terminal ({@link #shareTerminalWith}), a log line goes through
 * {@link SharedTerminal}, which keeps it from overwriting the prompt or splitting a command's answer.
 */
public final class StdoutLogHandler extends StreamHandler {
    private volatile SharedTerminal terminal;

    /** {@code logging.properties} names this class. */
    public StdoutLogHandler() {
        this(System.out);
    }

    StdoutLogHandler(OutputStream stream) {
        super(stream, new LogLineFormat());
        setLevel(Level.ALL);
    }

    /** The root logger's handlers of this kind, told to write through {@code shared}, the terminal an interactive shell writes to. */
    static void shareTerminalWith(SharedTerminal shared) {
        for (var h : java.util.logging.Logger.getLogger("").getHandlers()) {
            if (h instanceof StdoutLogHandler mine) {
                mine.writeThrough(shared);
            }
        }
    }

    void writeThrough(SharedTerminal shared) {
        this.terminal = shared;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        SharedTerminal shared = terminal;
        if (shared == null) {
            super.publish(record);
            flush();
            return;
        }
        if (!isLoggable(record)) {
            return;
        }
        try {
            shared.log(getFormatter().format(record));
        } catch (IOException e) {
            reportError("the log line could not be written to standard output", e, ErrorManager.WRITE_FAILURE);
        }
    }

    /** Flushes instead of closing: System.out outlives the log. */
    @Override
    public synchronized void close() {
        flush();
    }
}
