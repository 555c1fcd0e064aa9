package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.replay.ReplayWindow;
import dev.culvert.vpn.replay.ReplayWindowSize;
import java.util.Optional;

/**
 * {@code replay-window n [t]}: n ids (0..65536; 0 takes them strictly in order) and t seconds
 * (0..600, default 15), as 2.6 bounds them. Providers raise n on links that reorder much, where 64
 * would drop late packets as replays.
 */
final class ReplayWindowLine {
    static final String NAME = "replay-window";
    private static final String USAGE = "replay-window N [SECONDS], N 0.." + ReplayWindow.MAX_SIZE + ", SECONDS 0.."
            + ReplayWindow.MAX_TIME_BACKTRACK_SECONDS;

    private ReplayWindowLine() {
    }

    static ReplayWindowSize parse(Directive d) throws ConfigException {
        d.expectArgs(1, 2, USAGE);
        int size = bounded(d, d.args().get(0), ReplayWindow.MAX_SIZE, "window size");
        int seconds = d.args().size() == 2 ? bounded(d, d.args().get(1), ReplayWindow.MAX_TIME_BACKTRACK_SECONDS, "time window")
                : ReplayWindow.DEFAULT_TIME_BACKTRACK_SECONDS;
        return new ReplayWindowSize(size, seconds);
    }

    /** The configuration's size, or 2.6's default without the line. */
    static ReplayWindowSize from(Config config) throws ConfigException {
        Optional<Directive> d = config.last(NAME);
        return d.isPresent() ? parse(d.get()) : ReplayWindowSize.DEFAULT;
    }

    private static int bounded(Directive d, String text, int max, String what) throws ConfigException {
        int n = VpnDirectives.number(d, text, what);
        if (n > max) {
            throw new ConfigException(d, "the replay-window " + what + " " + n + " is above " + max, "as in: " + USAGE);
        }
        return n;
    }
}
