package dev.culvert.vpn.management;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A bounded history of timestamped lines, as 2.6 keeps for {@code log}, {@code state} and
 * {@code echo} (manage.c {@code log_history}): the oldest line goes when a new one would exceed
 * the capacity, and a listener hears each new line as it is added. Thread-safe.
 */
final class History {
    /** One line: seconds since the epoch and its text (without the time). */
    record Entry(long epochSeconds, String text) {
        /** As 2.6 prints it: {@code time,text}. */
        String format() {
            return epochSeconds + "," + text;
        }
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private volatile Consumer<Entry> listener;

    History(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    void add(long epochSeconds, String text) {
        Entry e = new Entry(epochSeconds, text);
        synchronized (this) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(e);
        }
        Consumer<Entry> l = listener;
        if (l != null) {
            l.accept(e);
        }
    }

    /** The last {@code n} lines, oldest first; all of them when {@code n} is 0 or more than there are. */
    synchronized List<Entry> last(int n) {
        List<Entry> all = new ArrayList<>(entries);
        return n <= 0 || n >= all.size() ? all : all.subList(all.size() - n, all.size());
    }

    /** Who hears new lines from now on; null for nobody. */
    void listen(Consumer<Entry> l) {
        listener = l;
    }
}
