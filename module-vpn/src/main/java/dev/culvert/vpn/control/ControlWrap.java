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

    /** Wipes the key material this wrapper holds; later unwraps are refused, wraps throw. */
    @Override
    void close();
}
