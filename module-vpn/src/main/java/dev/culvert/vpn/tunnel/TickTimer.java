package dev.culvert.vpn.tunnel;

import dev.culvert.core.worker.ControlExecutor;
import java.util.concurrent.TimeUnit;

/**
 * When a session's timers run next: after each call into a session the runtime asks it when it
 * wants to be called again ({@code VpnSession.tick}) and re-arms this timer, which then runs the
 * tick on the session's strand. The delay is clamped: at least {@link #MIN_NANOS}, so a session
 * that is already due does not spin the clock, and at most {@link #MAX_NANOS}, so what the
 * runtime checks on each tick (a closed TCP connection, say) is noticed within a second.
 */
public final class TickTimer {
    public static final long MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    public static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ControlExecutor control;
    private final ControlStrand strand;
    private final String what;
    private ControlExecutor.Timer armed;
    private boolean stopped;

    public TickTimer(ControlExecutor control, ControlStrand strand, String what) {
        this.control = control;
        this.strand = strand;
        this.what = what;
    }

    /** The tick clamp: how long to wait from {@code nowNanos} for a session due at {@code nextNanos}. */
    public static long delayNanos(long nowNanos, long nextNanos) {
        return Math.max(MIN_NANOS, Math.min(nextNanos - nowNanos, MAX_NANOS));
    }

    /** Runs {@code tick} on the strand when the session is next due, in place of the tick armed before. */
    public synchronized void rearm(long nowNanos, long nextNanos, Runnable tick) {
        if (armed != null) {
            armed.cancel();
        }
        if (!stopped) {
            armed = control.schedule(what, () -> strand.enqueue(tick), delayNanos(nowNanos, nextNanos), TimeUnit.NANOSECONDS);
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
