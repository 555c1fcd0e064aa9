package dev.culvert.vpn.config;

/**
 * A server's keepalive, as 2.6's {@code helper_keepalive} expands {@code keepalive N M} in server
 * mode: it pings every N seconds and restarts a client after 2×M silent seconds, and pushes
 * {@code ping N} and {@code ping-restart M} to clients, so a client always notices a dead server
 * before the server drops the client. Without {@code keepalive}, {@code ping} and
 * {@code ping-restart} apply to the server alone and nothing is pushed.
 *
 * @param pingSeconds              the server's own ping interval; 0 for none
 * @param pingRestartSeconds       the server's own restart timeout; 0 for none
 * @param pushedPingSeconds        the {@code ping} pushed to clients; 0 when none is pushed
 * @param pushedPingRestartSeconds the {@code ping-restart} pushed to clients; 0 when none is pushed
 */
public record Keepalive(int pingSeconds, int pingRestartSeconds, int pushedPingSeconds, int pushedPingRestartSeconds) {
    /** {@code keepalive interval timeout} on a server. */
    public static Keepalive expanded(int interval, int timeout) {
        return new Keepalive(interval, timeout * 2, interval, timeout);
    }

    /** {@code ping} and {@code ping-restart} as written, for the server only. */
    public static Keepalive ownOnly(int pingSeconds, int pingRestartSeconds) {
        return new Keepalive(pingSeconds, pingRestartSeconds, 0, 0);
    }
}
