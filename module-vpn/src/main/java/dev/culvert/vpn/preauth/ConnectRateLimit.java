package dev.culvert.vpn.preauth;

/**
 * OpenVPN's {@code connect-freq n sec}: at most {@code n} new sessions in each window of
 * {@code sec} seconds; a window starts with the first attempt after the previous one ended (as
 * 2.6's frequency.c does), so a burst right at a window's end and the next one's start can let
 * through up to {@code 2n} in a short while. Without the option 2.6 has no limit ({@link #unlimited()});
 * {@link #ConnectRateLimit()} is a sane default for a server exposed to the Internet.
 *
 * <p>The same window bounds {@code connect-freq-initial n sec} ({@link #initialReplies}): answers
 * to hard resets from addresses nobody has proved yet. There 2.6's reflect_filter.c gives an answer
 * back once its client proved the cookie ({@link #refund()}), so real clients do not use up the
 * budget that bounds reflection; and {@code n} may be 0 (no answers at all).
 *
 * <p>Thread-safe: data-plane workers share one. A refusal is counted by the caller as
 * {@link PreAuthDrops#CONNECT_FREQ}. The lock guards two longs and an int, held for a few instructions,
 * and only new sessions (not every packet) ask.
 */
public final class ConnectRateLimit {
    /** The default: new sessions per window. Each costs a TLS handshake (a signature) on the server. */
    public static final int DEFAULT_CONNECTS = 100;
    /** The default window, seconds. */
    public static final int DEFAULT_SECONDS = 1;

    private static final long SECOND = 1_000_000_000L;

    private final int maxPerWindow;
    private final long windowNanos;
    private boolean started;
    private long windowStart;
    private int taken;

    /** {@value #DEFAULT_CONNECTS} new sessions per {@value #DEFAULT_SECONDS} s. */
    public ConnectRateLimit() {
        this(DEFAULT_CONNECTS, DEFAULT_SECONDS);
    }

    /**
     * @param maxConnects at most this many new sessions (1 or more)
     * @param perSeconds  per window of this many seconds (1 or more)
     */
    public ConnectRateLimit(int maxConnects, int perSeconds) {
        this(atLeastOne(maxConnects, perSeconds), perSeconds * SECOND);
    }

    private ConnectRateLimit(int maxPerWindow, long windowNanos) {
        this.maxPerWindow = maxPerWindow;
        this.windowNanos = windowNanos;
    }

    private static int atLeastOne(int maxConnects, int perSeconds) {
        if (maxConnects < 1 || perSeconds < 1) {
            throw new IllegalArgumentException("connect-freq " + maxConnects + " " + perSeconds + ": both must be at least 1");
        }
        return maxConnects;
    }

    /**
     * {@code connect-freq-initial maxAnswers perSeconds} (2.6 accepts both from 0): at most
     * {@code maxAnswers} stateless answers per window; 0 seconds is a window of one second, as 2.6's
     * whole-second clock makes it.
     */
    public static ConnectRateLimit initialReplies(int maxAnswers, int perSeconds) {
        if (maxAnswers < 0 || perSeconds < 0) {
            throw new IllegalArgumentException("connect-freq-initial " + maxAnswers + " " + perSeconds + ": both must be 0 or more");
        }
        return new ConnectRateLimit(maxAnswers, Math.max(1, perSeconds) * SECOND);
    }

    /** 2.6 without {@code connect-freq}: every new session allowed. */
    public static ConnectRateLimit unlimited() {
        return new ConnectRateLimit(Integer.MAX_VALUE, 1);
    }

    /**
     * Whether one more new session may start now; if so, it is counted. A time a little before the
     * window's start (another thread read the clock earlier) counts in the current window.
     */
    public boolean tryAcquire(long nowNanos) {
        if (maxPerWindow == Integer.MAX_VALUE) {
            return true;
        }
        synchronized (this) {
            if (!started || nowNanos - windowStart >= windowNanos) {
                started = true;
                windowStart = nowNanos;
                taken = 0;
            }
            if (taken >= maxPerWindow) {
                return false;
            }
            taken++;
            return true;
        }
    }

    /**
     * Gives back one earlier grant of the current window (2.6's reflect_filter_rate_limit_decrease):
     * what it paid for turned out not to need the limit. Nothing happens if none is left to give back.
     */
    public void refund() {
        if (maxPerWindow == Integer.MAX_VALUE) {
            return;
        }
        synchronized (this) {
            if (taken > 0) {
                taken--;
            }
        }
    }

    @Override
    public String toString() {
        return maxPerWindow == Integer.MAX_VALUE ? "connect-freq unlimited"
                : "connect-freq " + maxPerWindow + " " + windowNanos / SECOND;
    }
}
