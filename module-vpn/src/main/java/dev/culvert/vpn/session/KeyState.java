package dev.culvert.vpn.session;

import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.vpn.control.ControlChannel;
import dev.culvert.vpn.data.KeyContext;
import dev.culvert.vpn.keys.KeyMethod2Message;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * One key id's negotiation (2.6's {@code key_state}): its reliable control channel, its TLS
 * session, the two key-method-2 messages, and once both are in, its data key.
 */
final class KeyState {
    final int keyId;
    final ControlChannel channel;
    final long startedNanos;
    TlsPump tls;
    /** The provider that made {@link #tls}'s engine: its exporter derives this key state's data key. */
    TlsProvider tlsProvider;
    /** This side's key-method-2 message, from when it is sent until the key is derived. */
    KeyMethod2Message local;
    /** The peer's key-method-2 message, from when it arrives until the key is derived. */
    KeyMethod2Message peer;
    /** Both messages served their key and were let go ({@link #wipeNegotiation}). */
    boolean negotiationSpent;
    boolean announcedEkm;
    /** Whether the peer's certificates passed the policy and the identity lock (checked once, after the handshake). */
    boolean peerAccepted;
    /**
     * Non-zero while the peer's certificates wait for the {@link PeerCertificateVerifier}: the
     * ticket its answer must bring ({@link SessionEvent.CertificateToVerify}).
     */
    long verifyingTicket;
    /** The peer's TLS records that came while its certificates were being verified, taken once they pass. */
    final java.util.List<byte[]> heldRecords = new java.util.ArrayList<>();
    KeyContext context;
    long activatedNanos;

    KeyState(int keyId, ControlChannel channel, long startedNanos) {
        this.keyId = keyId;
        this.channel = channel;
        this.startedNanos = startedNanos;
    }

    boolean active() {
        return context != null;
    }

    /** Whether everything this side sent on this key state reached the peer: nothing left to send, nothing unacknowledged. */
    boolean sentAllAcknowledged() {
        return tls != null && !tls.hasPendingWrites() && channel.allAcknowledged();
    }

    /** Whether this side's key-method-2 message went out on this key state. */
    boolean sentKeyMethod2() {
        return local != null || negotiationSpent;
    }

    /** Whether the peer's key-method-2 message came in on this key state. */
    boolean receivedKeyMethod2() {
        return peer != null || negotiationSpent;
    }

    /** Where this negotiation stands, in one line for a diagnostic (no secret in it). */
    String progress() {
        String handshake = tls == null ? "not started" : tls.handshakeDone() ? "done" : "under way";
        // Once let go (the key derived, or the key state ended) the messages no longer tell what was exchanged.
        String keyMethod2 = negotiationSpent ? "let go"
                : (local != null ? "sent" : "not sent") + ", " + (peer != null ? "received" : "not received");
        return "key " + keyId + ": TLS " + handshake + ", key-method-2 " + keyMethod2 + (active() ? ", data key in use" : "")
                + "; channel: " + channel.progress();
    }

    /**
     * Wipes the key-method-2 secrets once the key is derived, and lets go of both messages: their
     * options and peer-info texts have been read by then (a client reads the server's options when
     * the PUSH_REPLY comes, before it derives), and a session keeps its key state for as long as
     * the key lives (0.8 KiB for both, per idle session). The TLS
     * session stays (it still carries control messages), and the data key is retired separately.
     */
    void wipeNegotiation() {
        if (local != null) {
            local.wipe();
        }
        if (peer != null) {
            peer.wipe();
        }
        local = null;
        peer = null;
        negotiationSpent = true;
    }

    /**
     * Ends the TLS session in both directions at once. No close_notify is awaited (OpenVPN sends
     * none for a retired key), and a native engine (Conscrypt) frees its SSL, and the pipe that
     * holds, only when both directions are closed; otherwise the garbage collector would.
     */
    void closeTls() {
        if (tls != null) {
            SSLEngine engine = tls.engine();
            engine.closeOutbound();
            try {
                engine.closeInbound();
            } catch (SSLException noCloseNotify) {
                // Expected: the peer sent no close_notify, and the key is over either way.
            }
            tls.wipe();
        }
    }
}
