package dev.culvert.vpn.management;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The node's log as the management interface keeps it: 2.6's flag letters, one entry a line, nothing once closed. */
class LogTapTest {
    @Test
    void levelsBecome26sFlagsAndLinesEntries() {
        History history = new History(10);
        LogTap tap = new LogTap(history);
        tap.publish(new LogRecord(Level.SEVERE, "broken"));
        tap.publish(new LogRecord(Level.WARNING, "careful\nsecond line"));
        tap.publish(new LogRecord(Level.INFO, "fine"));
        tap.publish(new LogRecord(Level.FINE, "detail"));
        assertEquals(List.of("N,broken", "W,careful", "W,second line", "I,fine", "D,detail"),
                history.last(0).stream().map(History.Entry::text).toList());
    }

    /** A handler kept on the root logger by someone else after the interface closed must not keep filling its history. */
    @Test
    void aClosedTapTakesNothing() {
        History history = new History(10);
        LogTap tap = new LogTap(history);
        tap.close();
        tap.publish(new LogRecord(Level.INFO, "after"));
        assertEquals(List.of(), history.last(0));
    }
}
