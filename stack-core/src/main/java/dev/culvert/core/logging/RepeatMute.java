package dev.culvert.core.logging;

import java.util.function.Consumer;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * OpenVPN's {@code mute N} as a filter on a log handler: at most {@code N} consecutive messages
 * of one category pass; the run's next ones are held back, and the first message of another
 * category is preceded by a note of how many were. A category is the logger that wrote the
 * message and its level (2.6 gives each message a category in its source; Culvert's logger per
 * class and level stand in for it). As 2.6's {@code dont_mute}: a note
 * {@code "NOTE: --mute triggered..."} when a run first exceeds {@code N}, and
 * {@code "K variation(s) on previous N message(s) suppressed by --mute"} when it ends.
 *
 * <p>Only messages that pass the level ({@code verb}) reach a handler's filter, so only they count;
 * one filter may serve several handlers, and a message they all see counts once. Thread-safe:
 * handlers are called from any thread.
 */
public final class RepeatMute implements Filter {
    private final int cutoff;
    private final Consumer<String> note;
    private String category;
    private int count;
    /** The record decided last and how: every handler of the root logger asks about the same record, and it counts once. */
    private LogRecord last;
    private boolean lastPass;

    /**
     * Lets {@code cutoff} consecutive messages of a category through (0: all); {@code note} writes
     * the notes, which must not come back through this filter (see {@link LogSettings}).
     */
    public RepeatMute(int cutoff, Consumer<String> note) {
        if (cutoff < 0) {
            throw new IllegalArgumentException("mute " + cutoff);
        }
        this.cutoff = cutoff;
        this.note = note;
    }

    public int cutoff() {
        return cutoff;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (cutoff == 0) {
            return true;
        }
        String noteToWrite = null;
        boolean pass;
        synchronized (this) {
            if (record == last) {
                return lastPass;
            }
            String of = record.getLoggerName() + " " + record.getLevel().getName();
            if (of.equals(category)) {
                if (count == cutoff) {
                    noteToWrite = "NOTE: --mute triggered...";
                }
                count++;
                pass = count <= cutoff;
            } else {
                int suppressed = count - cutoff;
                if (suppressed > 0) {
                    noteToWrite = suppressed + " variation(s) on previous " + cutoff + " message(s) suppressed by --mute";
                }
                category = of;
                count = 1;
                pass = true;
            }
            last = record;
            lastPass = pass;
        }
        if (noteToWrite != null) {
            note.accept(noteToWrite);
        }
        return pass;
    }
}
