package dev.culvert.core.logging;

import java.util.logging.Level;

/**
 * OpenVPN's {@code verb N} as a {@code java.util.logging} level for Culvert's own loggers.
 * 2.6 (its manual's {@code --verb}): 0 shows fatal errors only, 1 to 4 is the normal range
 * (1 is the default), 5 adds a character per packet read and written, 6 to 11 are debug output.
 *
 * <table>
 *   <caption>verb to level</caption>
 *   <tr><th>verb</th><th>level</th><th>what shows</th></tr>
 *   <tr><td>0</td><td>SEVERE</td><td>errors only</td></tr>
 *   <tr><td>1 to 5</td><td>INFO</td><td>errors, warnings and what the node does (start, connections, renegotiations);
 *       Culvert prints no per-packet characters at 5: {@code culvert:status} counts packets instead</td></tr>
 *   <tr><td>6, 7</td><td>FINE</td><td>debug</td></tr>
 *   <tr><td>8, 9</td><td>FINER</td><td>more debug</td></tr>
 *   <tr><td>10, 11</td><td>FINEST</td><td>everything</td></tr>
 * </table>
 */
public final class Verbosity {
    /** 2.6's default verb. */
    public static final int DEFAULT = 1;
    /** The largest verb 2.6 takes. */
    public static final int MAX = 11;

    private Verbosity() {
    }

    /** The level for {@code verb}, 0 to {@link #MAX}. */
    public static Level levelFor(int verb) {
        if (verb < 0 || verb > MAX) {
            throw new IllegalArgumentException("verb " + verb + " is outside 0.." + MAX);
        }
        if (verb == 0) {
            return Level.SEVERE;
        }
        if (verb <= 5) {
            return Level.INFO;
        }
        if (verb <= 7) {
            return Level.FINE;
        }
        return verb <= 9 ? Level.FINER : Level.FINEST;
    }
}
