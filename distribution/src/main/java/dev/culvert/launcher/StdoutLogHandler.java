package dev.culvert.launcher;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * Writes the log to standard output in {@link LogLineFormat}, as OpenVPN 2.6 writes its log to
 * stdout unless {@code log} or {@code syslog} says otherwise; the JDK's ConsoleHandler would write
 * to stderr, apart from the launcher's own lines. Every line is flushed at once, so that a service
 * manager or a {@code tail -f} sees it when it happens.
 *
 * <p>When the Gogo shell shares the terminal ({@link #shareTerminalWith}), a log line that arrives
 * while the shell waits for input would be written after its prompt, and the prompt would be lost
 * in the line; instead the prompt's line is cleared, the log written, and the prompt drawn again
 * below it. What the operator had typed stays in the terminal's line buffer.
 */
public final class StdoutLogHandler extends StreamHandler {
    /** Carriage return, then ANSI "erase the whole line". */
    static final String CLEAR_LINE = "\r\033[2K";

    private final PrintStream out;
    private volatile String prompt;

    /** {@code logging.properties} names this class. */
    public StdoutLogHandler() {
        this(System.out);
    }

    StdoutLogHandler(OutputStream stream) {
        super(stream, new LogLineFormat());
        this.out = new PrintStream(stream, true, StandardCharsets.UTF_8);
        setLevel(Level.ALL);
    }

    /** The root logger's handler of this kind, told that an interactive shell with {@code prompt} shares the terminal. */
    static void shareTerminalWith(String prompt) {
        for (var h : java.util.logging.Logger.getLogger("").getHandlers()) {
            if (h instanceof StdoutLogHandler mine) {
                mine.promptAfterEachLine(prompt);
            }
        }
    }

    void promptAfterEachLine(String shellPrompt) {
        this.prompt = shellPrompt;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String shellPrompt = prompt;
        if (shellPrompt == null) {
            super.publish(record);
            flush();
            return;
        }
        if (!isLoggable(record)) {
            return;
        }
        out.print(CLEAR_LINE + getFormatter().format(record) + shellPrompt);
        out.flush();
    }

    /** Flushes instead of closing: System.out outlives the log. */
    @Override
    public synchronized void close() {
        flush();
    }
}
