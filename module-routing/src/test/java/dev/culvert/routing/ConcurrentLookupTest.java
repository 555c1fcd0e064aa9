package dev.culvert.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.route.Prefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Workers look up while the control plane rewrites the table: every answer must come from one
 * whole table, the one before an update or one after it, and a worker never goes back in time.
 */
class ConcurrentLookupTest {
    private static final int GENERATIONS = 300;
    private static final long STRIDE = 1 << 16;

    /** Generation {@code g}'s table: two different layouts by turns, every target naming g and its entry. */
    private static Map<Prefix, Long> generation(int g, List<Map<Prefix, Long>> layouts) {
        Map<Prefix, Long> layout = layouts.get(g % 2);
        Map<Prefix, Long> entries = new LinkedHashMap<>();
        layout.forEach((p, index) -> entries.put(p, g * STRIDE + index));
        return entries;
    }

    @Test
    void everyLookupAnswersFromOneWholeTable() throws InterruptedException {
        List<Map<Prefix, Long>> layouts = new ArrayList<>();
        List<LinearScan> scans = new ArrayList<>();
        for (int v = 0; v < 2; v++) {
            Map<Prefix, Long> layout = new LinkedHashMap<>();
            layout.put(Prefix.parse("0.0.0.0/0"), 0L);
            RandomPrefixes random = new RandomPrefixes(1000 + v, 4);
            for (Prefix p : random.table(300).keySet()) {
                layout.putIfAbsent(p, (long) layout.size());
            }
            layouts.add(layout);
            scans.add(new LinearScan(layout));
        }
        LpmTable live = new LpmTable();
        generation(0, layouts).forEach(live::put);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong lookups = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        // Times a reader's answer moved to a newer generation: updates landed while it read.
        AtomicLong generationsSeenToChange = new AtomicLong();
        CountDownLatch reading = new CountDownLatch(4);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            int seed = r;
            Thread t = new Thread(() -> {
                reading.countDown();
                RandomPrefixes addresses = new RandomPrefixes(1000 + seed % 2, 4);
                long lastGeneration = 0;
                long n = 0;
                while (!done.get() || n < 10_000) {
                    long[] a = addresses.address();
                    long answer = live.snapshot().lookup(4, a[0], a[1]);
                    long g = answer / STRIDE;
                    long index = answer % STRIDE;
                    long expected = scans.get((int) (g % 2)).lookup(PrefixTrie.ipv4Key(a[1]), 0);
                    if (g < lastGeneration || g > GENERATIONS || expected != index) {
                        failures.add("answer " + answer + " (generation " + g + ", entry " + index + ") after generation "
                                + lastGeneration + "; that generation's table says entry " + expected);
                        return;
                    }
                    if (n > 0 && g != lastGeneration) {
                        generationsSeenToChange.incrementAndGet();
                    }
                    lastGeneration = g;
                    n++;
                }
                lookups.addAndGet(n);
            });
            t.setUncaughtExceptionHandler((thread, e) -> errors.add(e));
            readers.add(t);
            t.start();
        }
        reading.await(); // every reader is running before the first update
        for (int g = 1; g <= GENERATIONS; g++) {
            LpmTable next = new LpmTable();
            generation(g, layouts).forEach(next::put);
            live.copyFrom(next);
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertEquals(List.of(), List.copyOf(errors));
        assertEquals(List.of(), List.copyOf(failures));
        assertTrue(generationsSeenToChange.get() >= 10, generationsSeenToChange + " updates seen under the readers");
        assertTrue(lookups.get() >= 40_000);
        assertEquals(GENERATIONS, live.snapshot().lookup(4, 0, 0) / STRIDE);
    }
}
