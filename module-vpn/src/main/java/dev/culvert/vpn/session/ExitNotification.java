package dev.culvert.vpn.session;

import dev.culvert.vpn.keys.OccOptionsString;

/**
 * explicit-exit-notify: how a closing session tells the peer it goes. With cc-exit negotiated,
 * the {@code EXIT} control message; else, over UDP, OCC EXIT on the data channel once a second for
 * {@code explicit-exit-notify} seconds; otherwise nothing. Then the session is closed.
 *
 * <p>During a renegotiation the control message is not an option: 2.6 reads control messages only
 * from its primary key state, which is the one still negotiating, so an {@code EXIT} on the key
 * that is active would be ignored. The OCC EXIT travels on the data channel, which the active key
 * still seals, and 2.6 obeys it whatever was negotiated.
 */
final class ExitNotification {
    private static final long SECOND = SessionContext.SECOND;

    private final SessionContext session;
    private long deadline;
    private long nextOccExit;

    ExitNotification(SessionContext session) {
        this.session = session;
    }

    /** Tells the peer, as the settings and the negotiation allow, and closes or starts {@link VpnSession.State#EXITING}. */
    void begin(long nowNanos) {
        int count = session.settings.explicitExitNotify();
        if (session.state == VpnSession.State.CONNECTED && count > 0) {
            if (session.negotiated.ccExit && session.keys.negotiating() == null) {
                KeyState primary = session.keys.primary();
                session.write(primary, "EXIT");
                session.sendNow(primary, nowNanos);
            } else if (session.settings.common().transport() == OccOptionsString.Transport.UDP) {
                session.state = VpnSession.State.EXITING;
                deadline = nowNanos + count * SECOND;
                nextOccExit = nowNanos + SECOND;
                session.out.dataPayloadDue(DataPlane.ControlPayload.OCC_EXIT);
                return;
            }
        }
        session.finishClose();
    }

    /**
     * While {@link VpnSession.State#EXITING}: repeats OCC EXIT and closes when the count ran out.
     *
     * @return the latest time to be called again, at most {@code wake}
     */
    long tick(long nowNanos, long wake) {
        if (nowNanos - deadline >= 0) {
            session.finishClose();
            return wake;
        }
        if (nowNanos - nextOccExit >= 0) {
            session.out.dataPayloadDue(DataPlane.ControlPayload.OCC_EXIT);
            nextOccExit = nowNanos + SECOND;
        }
        session.flush(nowNanos);
        return Math.min(wake, nextOccExit);
    }
}
