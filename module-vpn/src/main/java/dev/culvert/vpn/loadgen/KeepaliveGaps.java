package dev.culvert.vpn.loadgen;

/**
 * One client's keepalives from the server within the idle window: each gap between two of them
 * goes to the shared {@link GapTally}, and at the window's end a client that heard nothing for
 * longer than its limit counts as late too (a server that stopped pinging it would otherwise leave
 * no gap at all). Times are {@link System#nanoTime} values handed in; used by one thread.
 */
final class KeepaliveGaps {
    private final long limitNanos;
    /** The last keepalive within the window, or {@link Long#MIN_VALUE} before the first. */
    private long last = Long.MIN_VALUE;

    /** @param limitNanos the gap above which a keepalive counts as late: the ping interval plus the allowed slack */
    KeepaliveGaps(long limitNanos) {
        this.limitNanos = limitNanos;
    }

    /** A keepalive arrived at {@code nowNanos}; outside the window it is not counted. */
    void received(long nowNanos, IdleWindow window, GapTally tally) {
        if (!window.contains(nowNanos)) {
            return;
        }
        tally.keepaliveReceived();
        if (last != Long.MIN_VALUE) {
            tally.gap(nowNanos - last, limitNanos);
        }
        last = nowNanos;
    }

    /** The window closed: counts the silence since the last keepalive (or the window's start) if it is over the limit. */
    void windowClosed(IdleWindow window, GapTally tally) {
        long since = last == Long.MIN_VALUE ? window.startNanos() : last;
        long silence = window.endNanos() - since;
        if (silence > limitNanos) {
            tally.silentAtEnd(silence);
        }
    }
}
