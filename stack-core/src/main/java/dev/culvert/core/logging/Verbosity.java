package dev.culvert.core.logging;

import java.util.logging.Level;

/**
 * OpenVPN's {@code verb N} as {@code java.util.logging} levels for Culvert's own loggers, with
 * 2.6's meaning (its {@code errlevel.h}, which gives every message the verb it shows from):
 *
 * <table>
 *   <caption>verb to what shows</caption>
 *   <tr><th>verb</th><th>2.6 shows</th><th>Culvert's level</th></tr>
 *   <tr><td>0</td><td>fatal errors only</td><td>SEVERE</td></tr>
 *   <tr><td>1</td><td>the default: start, stop, connections, and non-fatal errors (2.6's {@code D_TLS_ERRORS},
 *       {@code D_CRYPT_ERRORS}: refused packets, one line per source and interval)</td><td>INFO</td></tr>
 *   <tr><td>2</td><td>handshakes ({@code D_HANDSHAKE}: cipher, key derivation, renegotiations)</td><td>{@link #HANDSHAKE}</td></tr>
 *   <tr><td>3</td><td>normal operation's details ({@code D_TLS_DEBUG_LOW}, {@code D_ROUTE},
 *       {@code D_PUSH}, {@code D_IFCONFIG_POOL})</td><td>{@link #DETAIL}</td></tr>
 *   <tr><td>4</td><td>the options in effect ({@code D_SHOW_PARMS}: "Current Parameter Settings")</td><td>{@link #OPTIONS}</td></tr>
 *   <tr><td>5</td><td>a character per packet read and written; Culvert prints none
 *       ({@code culvert:status} counts packets instead), so 5 shows what 4 shows</td><td>{@link #PACKETS}</td></tr>
 *   <tr><td>6, 7</td><td>debug</td><td>FINE</td></tr>
 *   <tr><td>8, 9</td><td>more debug</td><td>FINER</td></tr>
 *   <tr><td>10, 11</td><td>everything</td><td>FINEST</td></tr>
 * </table>
 *
 * <p>2 to 5 are levels of Culvert's own between INFO and CONFIG, so that a handler or a
 * {@code logging.properties} that knows only the standard levels still treats them as INFO's
 * neighbours; {@link #levelFor} gives the standard level a verb opens, {@link #threshold} the
 * exact one.
 */
public final class Verbosity {
    /** 2.6's default verb. */
    public static final int DEFAULT = 1;
    /** The largest verb 2.6 takes. */
    public static final int MAX = 11;

    /** Shown from verb 2: handshakes. */
    public static final Level HANDSHAKE = new VerbLevel("VERB2", Level.INFO.intValue() - 1);
    /** Shown from verb 3: normal operation's details. */
    public static final Level DETAIL = new VerbLevel("VERB3", Level.INFO.intValue() - 2);
    /** Shown from verb 4: the options in effect. */
    public static final Level OPTIONS = new VerbLevel("VERB4", Level.INFO.intValue() - 3);
    /** Shown from verb 5: per-packet output (none in Culvert). */
    public static final Level PACKETS = new VerbLevel("VERB5", Level.INFO.intValue() - 4);

    private Verbosity() {
    }

    /** The standard level that {@code verb} (0 to {@link #MAX}) opens: 1 to 5 all open INFO, and {@link #threshold} tells them apart. */
    public static Level levelFor(int verb) {
        requireInRange(verb);
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

    /** The lowest level shown at {@code verb}: every message that 2.6 would show at that verb, and none it would not. */
    public static Level threshold(int verb) {
        requireInRange(verb);
        return switch (verb) {
            case 2 -> HANDSHAKE;
            case 3 -> DETAIL;
            case 4 -> OPTIONS;
            case 5 -> PACKETS;
            default -> levelFor(verb);
        };
    }

    /** The level to log a message at that 2.6 shows from {@code verb} on (1 to {@link #MAX}). */
    public static Level level(int verb) {
        if (verb < 1) {
            throw new IllegalArgumentException("a message shown at verb 0 is an error: log it at SEVERE");
        }
        return threshold(verb);
    }

    private static void requireInRange(int verb) {
        if (verb < 0 || verb > MAX) {
            throw new IllegalArgumentException("verb " + verb + " is outside 0.." + MAX);
        }
    }

    /** Level's constructor is protected: the custom levels need a subclass. */
    private static final class VerbLevel extends Level {
        private static final long serialVersionUID = 1L;

        VerbLevel(String name, int value) {
            super(name, value);
        }
    }
}
