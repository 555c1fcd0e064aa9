package dev.culvert.core.logging;

import java.util.OptionalInt;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies {@code verb} and {@code mute} to this process's log output. {@code verb} sets the level
 * of the {@code dev.culvert} logger (and so of every Culvert logger below it); without a
 * {@code verb} line the level is what {@code conf/logging.properties} says. {@code mute} puts a
 * {@link RepeatMute} on the root logger's handlers, which every message reaches; {@code mute 0}
 * or no line takes it off again. The last configuration applied wins.
 */
public final class LogSettings {
    /** The logger whose level {@code verb} sets: the parent of every Culvert logger. */
    public static final String CULVERT = "dev.culvert";
    /** Where the mute notes go; they pass the filter without counting. */
    static final String NOTES = "dev.culvert.mute";
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger CULVERT_LOGGER = Logger.getLogger(CULVERT);
    private static final Logger NOTES_LOGGER = Logger.getLogger(NOTES);

    private LogSettings() {
    }

    /** Sets the verbosity ({@link Verbosity#threshold}) if {@code verb} is present, else the logging configuration's; and mutes repeats beyond {@code mute} (0: none). */
    public static synchronized void apply(OptionalInt verb, int mute) {
        CULVERT_LOGGER.setLevel(verb.isPresent() ? Verbosity.threshold(verb.getAsInt()) : null);
        Filter filter = mute > 0 ? new NotesPass(new RepeatMute(mute, LogSettings::note)) : null;
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            Filter current = handler.getFilter();
            if (current == null || current instanceof NotesPass) {
                handler.setFilter(filter);
            }
        }
    }

    /** The level {@code verb} set, or null when the logging configuration decides. */
    public static Level verbLevel() {
        return CULVERT_LOGGER.getLevel();
    }

    private static void note(String text) {
        NOTES_LOGGER.log(Level.INFO, text);
    }

    /** Lets the mute notes through uncounted, and hands every other message to the mute. */
    private record NotesPass(RepeatMute mute) implements Filter {
        @Override
        public boolean isLoggable(java.util.logging.LogRecord record) {
            return NOTES.equals(record.getLoggerName()) || mute.isLoggable(record);
        }
    }
}
