package dev.culvert.vpn.management;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Copies the node's log into a {@link History} for {@code log}, with 2.6's flag letters: {@code N}
 * for an error, {@code W} for a warning, {@code I} for information, {@code D} for debug. A message
 * of several lines becomes several entries, since the protocol is line based. Once closed it takes
 * nothing more, even if something kept it on a logger (the kernel's log redirection keeps the
 * handlers it found when it moved the log, to restore them).
 */
final class LogTap extends Handler {
    private final History history;
    private final SimpleFormatter formatter = new SimpleFormatter();
    private volatile boolean closed;

    LogTap(History history) {
        this.history = history;
        setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || closed) {
            return;
        }
        String text = formatter.formatMessage(record);
        long seconds = record.getInstant().getEpochSecond();
        String flag = flag(record.getLevel());
        for (String line : text.split("\\R")) {
            if (!line.isEmpty()) {
                history.add(seconds, flag + "," + line);
            }
        }
    }

    static String flag(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "N";
        }
        if (v >= Level.WARNING.intValue()) {
            return "W";
        }
        return v >= Level.INFO.intValue() ? "I" : "D";
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        closed = true;
    }
}
