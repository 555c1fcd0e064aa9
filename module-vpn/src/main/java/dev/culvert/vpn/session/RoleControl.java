package dev.culvert.vpn.session;

import dev.culvert.vpn.keys.PeerInfo;
import dev.culvert.vpn.wire.Opcode;

/**
 * What a session does differently as client, as server and as a point-to-point peer, behind one interface so that the
 * {@link VpnSession} façade never asks which role it plays: who starts, who sends key method 2
 * first, what the peer's key-method-2 message leads to, which control messages are understood,
 * and the role's own timers.
 */
interface RoleControl {
    /** Makes the control of the role {@code settings} describe, over {@code session}'s shared state. */
    static RoleControl of(SessionSettings settings, SessionContext session) {
        if (settings.peerToPeer() != null) {
            return new PeerToPeerControl(session, settings.role());
        }
        return settings.client() != null ? new ClientControl(session) : new ServerControl(session);
    }

    /** {@link VpnSession#start}: a client opens with its hard reset; a server waits for one. */
    void start(long nowNanos);

    /** Whether a hard reset with {@code op} is one only this role sends (so one from the peer is refused). */
    boolean isOwnReset(Opcode op);

    /**
     * A hard reset from the peer on a key id without a key state: the one that opens the session
     * (the server answers the client's with its own). Changes nothing when this role takes none.
     *
     * @return whether the reset opened a key state
     */
    boolean answerOpeningReset(Opcode op, int keyId, long nowNanos);

    /** Whether this side sends its key-method-2 message as soon as TLS is up (the client) or answers the peer's. */
    boolean sendsKeyMethod2First();

    /** The peer's key-method-2 message arrived on {@code ks} ({@code ks.peer} is set). */
    void onPeerKeyMethod2(KeyState ks, long nowNanos);

    /** One text message from the peer over TLS, after key method 2. */
    void onMessage(KeyState ks, String message, long nowNanos);

    /** The data side saw the peer's OCC EXIT (the event is already out). */
    void onPeerOccExit();

    /**
     * The role's own timers while the session is up.
     *
     * @return the latest time to be called again, at most {@code wake}
     */
    long tick(long nowNanos, long wake);

    /** {@link VpnSession#awaitingConfig}; false for a role that is never pushed to. */
    default boolean awaitingConfig(long nowNanos) {
        return false;
    }

    /** {@link VpnSession#pushIfClientAllows}; false for a role that never pushes. */
    boolean pushEarly(long nowNanos);

    /** What the peer announced in its first key-method-2 message, once read; null for a role that does not keep it. */
    default PeerInfo peerInfo() {
        return null;
    }

    /** {@link VpnSession#credentialsChecked}; false for a role that checks no credentials. */
    default boolean credentialsChecked(int keyId, boolean accepted, String clientReason, long nowNanos) {
        return false;
    }
}
