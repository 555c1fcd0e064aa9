package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.util.Optional;

/**
 * The ways 2.6 ends a client's process instead of restarting it, each a SIGTERM-like stop
 * (explicit-exit-notify, exit status 0): {@code ping-exit N}, when the peer was silent for N
 * seconds, {@code inactive N [BYTES]}, when fewer than BYTES (default 0: none at all) of
 * tunnel traffic passed both ways together in N seconds, {@code session-timeout N}, N seconds
 * after the tunnel came up (forward.c check_session_timeout), and {@code tls-exit}, on a failed
 * TLS negotiation (2.6's forward.c check_tls_errors raises SIGTERM instead of SIGUSR1).
 *
 * <p>{@code ping-exit} and {@code ping-restart} set one timer in 2.6 and the later line decides
 * what it does; a pushed {@code ping-restart} turns it back into a restart too. {@code keepalive}
 * conflicts with {@code ping-exit}, as in 2.6.
 *
 * @param pingExitSeconds the peer-silence time after which the client exits, or 0 (restart instead)
 * @param inactiveSeconds the inactivity time after which it exits, or 0 (never)
 * @param inactiveBytes   the traffic that counts as activity within {@code inactiveSeconds}
 * @param tlsExit         whether a failed TLS negotiation ends the process
 * @param sessionTimeoutSeconds the time after the tunnel came up at which the client exits, or 0 (never)
 */
public record ExitTimers(int pingExitSeconds, int inactiveSeconds, long inactiveBytes, boolean tlsExit, int sessionTimeoutSeconds) {
    public static final ExitTimers NONE = new ExitTimers(0, 0, 0);

    /** Without {@code tls-exit} and {@code session-timeout}. */
    public ExitTimers(int pingExitSeconds, int inactiveSeconds, long inactiveBytes) {
        this(pingExitSeconds, inactiveSeconds, inactiveBytes, false, 0);
    }

    /** Without {@code session-timeout}. */
    public ExitTimers(int pingExitSeconds, int inactiveSeconds, long inactiveBytes, boolean tlsExit) {
        this(pingExitSeconds, inactiveSeconds, inactiveBytes, tlsExit, 0);
    }
    static final String INACTIVE_USAGE = "inactive SECONDS [BYTES], e.g. inactive 3600 10000000";

    /** The configuration's {@code ping-exit} (unless a later {@code ping-restart} overrides it), {@code inactive} and {@code tls-exit}. */
    public static ExitTimers from(Config config) throws ConfigException {
        Optional<Directive> pingExit = config.last("ping-exit");
        Optional<Directive> keepalive = config.last("keepalive");
        if (pingExit.isPresent() && keepalive.isPresent()) {
            throw new ConfigException(pingExit.get(), "--keepalive conflicts with --ping, --ping-exit, or --ping-restart",
                    "use 'ping N' and 'ping-exit M' instead of 'keepalive N M', or drop 'ping-exit'");
        }
        int exitSeconds = 0;
        if (pingExit.isPresent() && !laterPingRestart(config, pingExit.get())) {
            exitSeconds = VpnDirectives.seconds(pingExit.get(), pingExit.get().args().get(0));
        }
        Optional<Directive> inactive = config.last("inactive");
        int seconds = 0;
        long bytes = 0;
        if (inactive.isPresent()) {
            seconds = inactiveSeconds(inactive.get());
            bytes = inactive.get().args().size() > 1 ? VpnDirectives.number(inactive.get(), inactive.get().args().get(1), "number of bytes") : 0;
        }
        Optional<Directive> sessionTimeout = config.last("session-timeout");
        int session = sessionTimeout.isPresent() ? VpnDirectives.seconds(sessionTimeout.get(), sessionTimeout.get().args().get(0)) : 0;
        return new ExitTimers(exitSeconds, seconds, bytes, config.has("tls-exit"), session);
    }

    /** Checks an {@code inactive} line; returns its seconds. */
    static int inactiveSeconds(Directive d) throws ConfigException {
        d.expectArgs(1, 2, INACTIVE_USAGE);
        int seconds = VpnDirectives.seconds(d, d.args().get(0));
        if (d.args().size() > 1) {
            VpnDirectives.number(d, d.args().get(1), "number of bytes");
        }
        return seconds;
    }

    private static boolean laterPingRestart(Config config, Directive pingExit) {
        boolean seenExit = false;
        for (Directive d : config.directives()) {
            if (d == pingExit) {
                seenExit = true;
            } else if (seenExit && d.name().equals("ping-restart")) {
                return true;
            }
        }
        return false;
    }
}
