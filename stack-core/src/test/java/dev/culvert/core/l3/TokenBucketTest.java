package dev.culvert.core.l3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(-5_000_000_000L);
    private final TokenBucket bucket = new TokenBucket(now::get);

    private int takeAll(int rate) {
        int taken = 0;
        while (taken < 10_000 && bucket.tryTake(rate)) {
            taken++;
        }
        return taken;
    }

    @Test
    void aFullBucketAllowsABurstOfOneSecondsWorth() {
        assertEquals(10, takeAll(10));
        assertFalse(bucket.tryTake(10));
    }

    @Test
    void tokensComeBackAtTheRate() {
        takeAll(10);
        now.addAndGet(99_000_000L);
        assertFalse(bucket.tryTake(10), "a tenth of a second has not passed yet");
        now.addAndGet(1_000_000L);
        assertTrue(bucket.tryTake(10));
        assertFalse(bucket.tryTake(10));
    }

    @Test
    void aLongQuietSpellRefillsOnlyToTheBurst() {
        takeAll(10);
        now.addAndGet(3_600_000_000_000L);
        assertEquals(10, takeAll(10));
    }

    @Test
    void rateZeroRefusesEverything() {
        assertFalse(bucket.tryTake(0));
        assertFalse(bucket.tryTake(-1));
    }

    @Test
    void veryHighRatesDoNotOverflow() {
        assertTrue(bucket.tryTake(Integer.MAX_VALUE));
    }

    @Test
    void isSafeUnderContention() throws InterruptedException {
        Thread[] threads = new Thread[4];
        AtomicLong granted = new AtomicLong();
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    if (bucket.tryTake(100)) {
                        granted.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(100, granted.get(), "the clock stood still, so exactly one burst is granted");
    }
}
