package dev.culvert.vpn.replay;

/**
 * {@code replay-window n [t]} (2.6's options.c, packet_id.c): how many packet ids below the newest a
 * receiver still takes once (n, 0 for strictly in order) and for how long a late one may arrive
 * (t seconds). It sizes every receive window of a session, the data channel's and the control
 * wrapping's, as 2.6 sizes both from the one option.
 */
public record ReplayWindowSize(int size, int timeBacktrackSeconds) {
    /** 2.6's defaults: 64 ids, 15 seconds. */
    public static final ReplayWindowSize DEFAULT = new ReplayWindowSize(ReplayWindow.DEFAULT_SIZE, ReplayWindow.DEFAULT_TIME_BACKTRACK_SECONDS);

    /** @throws IllegalArgumentException outside 2.6's bounds: n 0..65536, t 0..600 */
    public ReplayWindowSize {
        if (size < 0 || size > ReplayWindow.MAX_SIZE || timeBacktrackSeconds < 0
                || timeBacktrackSeconds > ReplayWindow.MAX_TIME_BACKTRACK_SECONDS) {
            throw new IllegalArgumentException("replay-window " + size + " " + timeBacktrackSeconds);
        }
    }

    /** A fresh, empty window of this size. */
    public ReplayWindow newWindow() {
        return new ReplayWindow(size, timeBacktrackSeconds);
    }
}
