package dev.culvert.core.l3;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket that refills at {@code perSecond} tokens a second and holds at most one second's
 * worth, so a burst of {@code perSecond} is allowed after a quiet second. Used to rate-limit
 * generated ICMP errors (RFC 1812 §4.3.2.8, RFC 4443 §2.4(f)).
 *
 * <p>It keeps a single number, the time at which the bucket would be full again (the "theoretical
 * arrival time" of the generic cell rate algorithm, which is a token bucket expressed as a
 * deadline). One compare-and-set per token makes it safe from every worker at once without locks
 * or allocation. The clock is injected so tests step time instead of sleeping.
 */
public final class TokenBucket {
    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier nanoClock;
    private final AtomicLong fullAt;

    /** A bucket, full at the start, reading time from {@code nanoClock} (e.g. {@code System::nanoTime}). */
    public TokenBucket(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.fullAt = new AtomicLong(nanoClock.getAsLong());
    }

    /**
     * Takes one token at a refill rate of {@code perSecond}; returns whether one was there. The rate
     * is passed on every call so an operator's change applies at once; 0 or less refuses always.
     */
    public boolean tryTake(int perSecond) {
        if (perSecond <= 0) {
            return false;
        }
        long interval = Math.max(1, SECOND / perSecond);
        long now = nanoClock.getAsLong();
        while (true) {
            long full = fullAt.get();
            // Comparisons by difference: nanoTime may be negative or wrap.
            long base = full - now < 0 ? now : full;
            long next = base + interval;
            if (next - now > SECOND) {
                return false;
            }
            if (fullAt.compareAndSet(full, next)) {
                return true;
            }
        }
    }
}
