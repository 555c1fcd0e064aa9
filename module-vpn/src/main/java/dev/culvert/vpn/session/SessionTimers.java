package dev.culvert.vpn.session;

/**
 * A session's timers in seconds, as the OpenVPN options name them; 0 turns a timer off where
 * OpenVPN allows it. Start from {@link #defaults()} and change what the configuration says.
 *
 * @param renegSeconds       reneg-sec (0: never start a renegotiation from this side)
 * @param handWindowSeconds  hand-window: how long a key negotiation may take
 * @param tlsTimeoutSeconds  tls-timeout: the first control-packet retransmission timeout
 * @param pingSeconds        ping (0: none); a pushed value overrides it on a client
 * @param pingRestartSeconds ping-restart (0: none); a pushed value overrides it on a client
 * @param renegBytes         reneg-bytes (0: none): renegotiate once a key carried this many data-channel bytes both ways
 */
public record SessionTimers(int renegSeconds, int handWindowSeconds, int tlsTimeoutSeconds, int pingSeconds,
                            int pingRestartSeconds, long renegBytes) {
    public static final int DEFAULT_RENEG_SECONDS = 3600;
    public static final int DEFAULT_HAND_WINDOW_SECONDS = 60;
    public static final int DEFAULT_TLS_TIMEOUT_SECONDS = 2;

    public SessionTimers {
        if (renegSeconds < 0 || handWindowSeconds < 1 || tlsTimeoutSeconds < 1 || pingSeconds < 0 || pingRestartSeconds < 0
                || renegBytes < 0) {
            throw new IllegalArgumentException("timers must not be negative (hand-window and tls-timeout at least 1)");
        }
    }

    /** Without reneg-bytes. */
    public SessionTimers(int renegSeconds, int handWindowSeconds, int tlsTimeoutSeconds, int pingSeconds, int pingRestartSeconds) {
        this(renegSeconds, handWindowSeconds, tlsTimeoutSeconds, pingSeconds, pingRestartSeconds, 0);
    }

    /** 2.6's defaults: reneg-sec 3600, hand-window 60, tls-timeout 2, no ping, no ping-restart, no reneg-bytes. */
    public static SessionTimers defaults() {
        return new SessionTimers(DEFAULT_RENEG_SECONDS, DEFAULT_HAND_WINDOW_SECONDS, DEFAULT_TLS_TIMEOUT_SECONDS, 0, 0);
    }

    public SessionTimers withRenegBytes(long bytes) {
        return new SessionTimers(renegSeconds, handWindowSeconds, tlsTimeoutSeconds, pingSeconds, pingRestartSeconds, bytes);
    }

    public SessionTimers withReneg(int seconds) {
        return new SessionTimers(seconds, handWindowSeconds, tlsTimeoutSeconds, pingSeconds, pingRestartSeconds, renegBytes);
    }

    public SessionTimers withHandWindow(int seconds) {
        return new SessionTimers(renegSeconds, seconds, tlsTimeoutSeconds, pingSeconds, pingRestartSeconds, renegBytes);
    }

    public SessionTimers withTlsTimeout(int seconds) {
        return new SessionTimers(renegSeconds, handWindowSeconds, seconds, pingSeconds, pingRestartSeconds, renegBytes);
    }

    public SessionTimers withPing(int seconds) {
        return new SessionTimers(renegSeconds, handWindowSeconds, tlsTimeoutSeconds, seconds, pingRestartSeconds, renegBytes);
    }

    public SessionTimers withPingRestart(int seconds) {
        return new SessionTimers(renegSeconds, handWindowSeconds, tlsTimeoutSeconds, pingSeconds, seconds, renegBytes);
    }
}
