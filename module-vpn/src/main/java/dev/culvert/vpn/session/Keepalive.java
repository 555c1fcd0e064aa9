package dev.culvert.vpn.session;

/**
 * ping and ping-restart (openvpn.md §6): a keepalive ping when nothing was sent for {@code ping}
 * seconds, a restart when nothing arrived for {@code ping-restart} seconds. The times traffic last
 * passed come from the {@link DataPlane}. A client's values may be overridden by the PUSH_REPLY.
 */
final class Keepalive {
    private long pingNanos;
    private long pingRestartNanos;
    private long lastPingRequest;

    Keepalive(SessionTimers timers, long nowNanos) {
        this.pingNanos = timers.pingSeconds() * SessionContext.SECOND;
        this.pingRestartNanos = timers.pingRestartSeconds() * SessionContext.SECOND;
        this.lastPingRequest = nowNanos;
    }

    /** The pushed values; a negative one (not pushed) keeps the configured value. */
    void override(int pingSeconds, int pingRestartSeconds) {
        if (pingSeconds >= 0) {
            pingNanos = pingSeconds * SessionContext.SECOND;
        }
        if (pingRestartSeconds >= 0) {
            pingRestartNanos = pingRestartSeconds * SessionContext.SECOND;
        }
    }

    /** Whether nothing came from the peer for ping-restart seconds. */
    boolean peerSilent(long nowNanos, DataPlane data) {
        return pingRestartNanos > 0 && nowNanos - data.lastReceivedNanos() >= pingRestartNanos;
    }

    long pingRestartSeconds() {
        return pingRestartNanos / SessionContext.SECOND;
    }

    /**
     * When {@link #takePingDue} or {@link #peerSilent} may next say yes, at most {@code latest}.
     * Traffic only moves these times later, so a tick armed for them is never late, only early.
     */
    long nextDeadline(DataPlane data, long latest) {
        long wake = latest;
        if (pingNanos > 0) {
            long lastSent = data.lastSentNanos();
            wake = SessionContext.earlier(wake, (lastSent - lastPingRequest > 0 ? lastSent : lastPingRequest) + pingNanos);
        }
        if (pingRestartNanos > 0) {
            wake = SessionContext.earlier(wake, data.lastReceivedNanos() + pingRestartNanos);
        }
        return wake;
    }

    /** Whether a ping is due now; if so, it counts as asked for. */
    boolean takePingDue(long nowNanos, DataPlane data) {
        if (pingNanos > 0 && nowNanos - data.lastSentNanos() >= pingNanos && nowNanos - lastPingRequest >= pingNanos) {
            lastPingRequest = nowNanos;
            return true;
        }
        return false;
    }
}
