package dev.culvert.vpn.session;

/**
 * Where the control side puts what it produces. Called on the control thread, from inside
 * {@link VpnSession}'s methods; implementations must not call back into the session.
 */
public interface SessionOutput {
    /**
     * One OpenVPN packet for the peer, in {@code buf[off, off+len)} (valid only during the call).
     * On TCP the runtime adds the 2-byte length prefix.
     */
    void sendToPeer(byte[] buf, int off, int len);

    /** Something happened that the runtime or the operator must know. */
    void event(SessionEvent event);

    /**
     * The data side should send {@code payload} (a keepalive ping or OCC EXIT) on the data
     * channel: the runtime hands it to the thread that seals for this peer, which calls
     * {@link DataPlane#sealControlPayload}.
     */
    void dataPayloadDue(DataPlane.ControlPayload payload);
}
