package dev.culvert.vpn.preauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConnectRateLimitTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void atMostNInOneWindowThenAgainInTheNext() {
        ConnectRateLimit limit = new ConnectRateLimit(3, 10);
        long t = 5 * SECOND;
        assertTrue(limit.tryAcquire(t));
        assertTrue(limit.tryAcquire(t + SECOND));
        assertTrue(limit.tryAcquire(t + 2 * SECOND));
        assertFalse(limit.tryAcquire(t + 3 * SECOND));
        assertFalse(limit.tryAcquire(t + 10 * SECOND - 1), "the window runs 10 s from its first attempt");
        assertTrue(limit.tryAcquire(t + 10 * SECOND));
        assertTrue(limit.tryAcquire(t + 11 * SECOND));
        assertTrue(limit.tryAcquire(t + 12 * SECOND));
        assertFalse(limit.tryAcquire(t + 13 * SECOND));
    }

    @Test
    void aSlightlyEarlierClockReadingCountsInTheCurrentWindow() {
        ConnectRateLimit limit = new ConnectRateLimit(1, 1);
        assertTrue(limit.tryAcquire(100 * SECOND));
        assertFalse(limit.tryAcquire(100 * SECOND - 5), "another thread's earlier reading does not open a window");
    }

    @Test
    void withoutTheOptionEverythingPasses() {
        ConnectRateLimit limit = ConnectRateLimit.unlimited();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(limit.tryAcquire(0));
        }
    }

    @Test
    void theDefaultAllowsAHundredASecond() {
        ConnectRateLimit limit = new ConnectRateLimit();
        int allowed = 0;
        for (int i = 0; i < 1000; i++) {
            allowed += limit.tryAcquire(0) ? 1 : 0;
        }
        assertEquals(ConnectRateLimit.DEFAULT_CONNECTS, allowed);
        assertEquals(100, ConnectRateLimit.DEFAULT_CONNECTS);
        assertEquals(1, ConnectRateLimit.DEFAULT_SECONDS);
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectRateLimit(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConnectRateLimit(1, 0));
    }

    @Test
    void threadsTogetherGetExactlyTheLimit() throws Exception {
        ConnectRateLimit limit = new ConnectRateLimit(500, 60);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> got = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                got.add(pool.submit(() -> {
                    go.await();
                    int n = 0;
                    for (int i = 0; i < 1000; i++) {
                        n += limit.tryAcquire(SECOND) ? 1 : 0;
                    }
                    return n;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : got) {
                total += f.get();
            }
            assertEquals(500, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void connectFreqInitialZeroAnswersNothingAndZeroSecondsIsAOneSecondWindow() {
        ConnectRateLimit none = ConnectRateLimit.initialReplies(0, 10);
        assertFalse(none.tryAcquire(0), "connect-freq-initial 0 N: no stateless answers at all");
        ConnectRateLimit perSecond = ConnectRateLimit.initialReplies(2, 0);
        assertTrue(perSecond.tryAcquire(0));
        assertTrue(perSecond.tryAcquire(1));
        assertFalse(perSecond.tryAcquire(2));
        assertTrue(perSecond.tryAcquire(SECOND), "a new window after one second");
        assertThrows(IllegalArgumentException.class, () -> ConnectRateLimit.initialReplies(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> ConnectRateLimit.initialReplies(1, -1));
    }

    @Test
    void aRefundGivesOneGrantBackInTheCurrentWindow() {
        ConnectRateLimit limit = ConnectRateLimit.initialReplies(1, 10);
        limit.refund(); // nothing granted yet: nothing to give back, and no credit either
        assertTrue(limit.tryAcquire(0));
        assertFalse(limit.tryAcquire(1));
        limit.refund();
        assertTrue(limit.tryAcquire(2), "the refunded grant is available again");
        assertFalse(limit.tryAcquire(3));
    }
}
