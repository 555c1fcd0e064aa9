package dev.culvert.vpn.control;

import dev.culvert.core.graph.DropReason;

/**
 * What protects each control packet on the wire: nothing, tls-auth or tls-crypt. One instance per
 * direction pair of a key state's TLS session, driven by one thread.
 */
public interface ControlWrap extends AutoCloseable {
    /** Bytes the wrapping adds to a plain control packet. */
    int overhead();

    /**
     * Wraps the plain control packet {@code plain[off, off+len)} (which starts with byte0 and the
     * sender's session id) into {@code out} at {@code outOff}.
     *
     * @return the wire length, {@code len + overhead()}
     * @throws IllegalArgumentException if {@code len} is under 9 or {@code out} too small (caller bugs)
     * @throws IllegalStateException    once closed
     */
    int wrap(byte[] plain, int off, int len, byte[] out, int outOff);

    /**
     * Checks and removes the wrapping of a packet from the network. On success the plain control
     * packet is in {@code out}; on refusal {@code out} holds nothing of it.
     *
     * @return null when accepted, else why the packet was refused
     */
    DropReason unwrap(byte[] wire, int off, int len, long nowNanos, ControlPlaintext out);

    /**
     * Checks and removes the wrapping as {@link #unwrap} does, but without the replay window: it
     * neither consults nor changes any state (replay id 0, which no sender uses, is still refused).
     * For a server's pre-authentication gate, which must keep nothing per unknown source; the replay
     * check happens once a session exists.
     */
    DropReason unwrapStateless(byte[] wire, int off, int len, ControlPlaintext out);

    /**
     * Wraps as {@link #wrap} does, with the given replay id and time (tls-auth, tls-crypt) instead
     * of the next ones of this wrapper's counter, which is left alone: the stateless answer to a
     * client's hard reset, sent before any session exists.
     */
    int wrapStateless(byte[] plain, int off, int len, long replayId, long replayTime, byte[] out, int outOff);

    /**
     * Makes every replay id this wrapper sends from now on greater than {@code replayId}: a
     * session taking over from a stateless answer that used it, so the peer's replay window does
     * not see the id twice.
     */
    void skipSendReplayIdsThrough(long replayId);

    /** Wipes the key material this wrapper holds; later unwraps are refused, wraps throw. */
    @Override
    void close();
}
