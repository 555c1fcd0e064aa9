package dev.culvert.vpn.tunnel;

import dev.culvert.core.worker.ControlExecutor;
import java.util.concurrent.TimeUnit;

/**
 * When a session's timers run next: after each call into a session the runtime asks it when it
 * wants to be called again ({@code VpnSession.tick}) and re-arms this timer, which then runs the
 * tick on the session's strand. The delay is clamped: at least {@link #MIN_NANOS}, so a session
 * that is already due does not spin the clock, and at most the timer's own clamp. The default,
 * {@link #MAX_NANOS}, notices within a second what the runtime checks on each tick (a closed TCP
 * connection, say); a server's UDP clients use {@code VpnSession.RESTING_WAKE_NANOS}, so that an
 * idle session wakes for its keepalive rather than every second, and {@link #soon} brings a
 * far tick forward when the session sent a control packet outside a tick.
 */
public final class TickTimer {
    public static final long MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    public static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ControlExecutor control;
    private final ControlStrand strand;
    private final String what;
    private final long maxNanos;
    private ControlExecutor.Timer armed;
    private long armedAt;
    private Runnable tick;
    private boolean stopped;

    public TickTimer(ControlExecutor control, ControlStrand strand, String what) {
        this(control, strand, what, MAX_NANOS);
    }

    /** @param maxNanos the clamp: the longest this timer waits, whatever the session asked */
    public TickTimer(ControlExecutor control, ControlStrand strand, String what, long maxNanos) {
        if (maxNanos < MAX_NANOS) {
            throw new IllegalArgumentException("a clamp under " + MAX_NANOS + " ns: " + maxNanos);
        }
        this.control = control;
        this.strand = strand;
        this.what = what;
        this.maxNanos = maxNanos;
    }

    /** The default clamp: how long to wait from {@code nowNanos} for a session due at {@code nextNanos}. */
    public static long delayNanos(long nowNanos, long nextNanos) {
        return delayNanos(nowNanos, nextNanos, MAX_NANOS);
    }

    static long delayNanos(long nowNanos, long nextNanos, long maxNanos) {
        return Math.max(MIN_NANOS, Math.min(nextNanos - nowNanos, maxNanos));
    }

    /** Runs {@code tick} on the strand when the session is next due, in place of the tick armed before. */
    public synchronized void rearm(long nowNanos, long nextNanos, Runnable tick) {
        if (armed != null) {
            armed.cancel();
        }
        this.tick = tick;
        if (!stopped) {
            long delay = delayNanos(nowNanos, nextNanos, maxNanos);
            armedAt = nowNanos + delay;
            armed = control.schedule(what, () -> strand.enqueue(tick), delay, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Brings the armed tick forward to within {@link #MAX_NANOS} of now if it is armed later: the
     * session sent a control packet outside a tick, and the tick after it must see to its
     * retransmission. A tick due sooner stays as it is.
     */
    public synchronized void soon(long nowNanos) {
        if (!stopped && tick != null && armedAt - (nowNanos + MAX_NANOS) > 0) {
            rearm(nowNanos, nowNanos + MAX_NANOS, tick);
        }
    }

    /** Cancels the armed tick and refuses to arm another: the session is over. */
    public synchronized void stop() {
        stopped = true;
        if (armed != null) {
            armed.cancel();
        }
    }
}
