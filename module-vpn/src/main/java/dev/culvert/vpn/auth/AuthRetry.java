package dev.culvert.vpn.auth;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;

/** What a client does after the server's {@code AUTH_FAILED} ({@code auth-retry}, 2.6's default {@link #NONE}). */
public enum AuthRetry {
    /** Stop: the process exits, as 2.6 does. */
    NONE,
    /** Connect again with the same username and password after the retry delay. */
    NOINTERACT,
    /** Forget them and take them again (the file re-read, the terminal asked) before connecting again. */
    INTERACT;

    /** The value of an {@code auth-retry} line. */
    public static AuthRetry of(Directive d) throws ConfigException {
        d.expectArgs(1, 1, "auth-retry none|nointeract|interact");
        return switch (d.args().get(0)) {
            case "none" -> NONE;
            case "nointeract" -> NOINTERACT;
            case "interact" -> INTERACT;
            default -> throw new ConfigException(d, "unknown auth-retry mode '" + d.args().get(0) + "'",
                    "use none (exit on AUTH_FAILED), nointeract (retry with the same credentials) or interact (ask again)");
        };
    }
}
