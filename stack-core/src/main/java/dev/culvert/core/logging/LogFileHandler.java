package dev.culvert.core.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * {@code log FILE} and {@code log-append FILE}: the log written to a file, each line flushed as it
 * is written, so that {@code tail -f} and a crash lose nothing.
 */
final class LogFileHandler extends StreamHandler {
    private final Path file;

    private LogFileHandler(OutputStream out, Formatter format, Path file) {
        super(out, format);
        this.file = file;
        setLevel(Level.ALL);
    }

    /** Opens {@code file}, truncated or appended to; the exception says why it cannot be. */
    static LogFileHandler open(Path file, boolean append, Formatter format) throws IOException {
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        return new LogFileHandler(out, format, file);
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
    }
}
