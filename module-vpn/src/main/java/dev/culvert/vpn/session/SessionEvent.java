package dev.culvert.vpn.session;

import dev.culvert.vpn.keys.Credentials;
import dev.culvert.vpn.keys.PeerInfo;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.push.PushReply;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** What a session reports to its runtime. */
public sealed interface SessionEvent {
    /**
     * The first data keys are installed: the tunnel may carry traffic. A client gets the pushed
     * options; a server gets {@code null} there.
     *
     * @param keyDerivation "tls-ekm" or "prf"
     * @param peerId        the peer-id data packets carry, or -1 for P_DATA_V1
     */
    record Connected(PushReply pushReply, DataCipher cipher, String keyDerivation, int peerId, String tlsProtocol)
            implements SessionEvent {
    }

    /**
     * Server with {@link ServerSettings#checksCredentials()}: the client's key-method-2 message for
     * {@code keyId} is in, and its key waits for {@link VpnSession#credentialsChecked}. The
     * runtime owns {@code credentials} (empty when the client sent none) and wipes them once
     * checked. {@code peerInfo} is what the client announced in its first message.
     */
    record CredentialsToCheck(int keyId, Credentials credentials, PeerInfo peerInfo) implements SessionEvent {
        @Override
        public String toString() {
            return "CredentialsToCheck[key " + keyId + ", user " + credentials.username() + "]";
        }
    }

    /**
     * The peer's certificates passed the policy, and {@code verifier} (e.g. a {@code tls-verify}
     * script) must answer before key method 2 goes either way: the runtime starts
     * {@link #verify} off its control thread and hands the answer to
     * {@link VpnSession#certificateVerified} on it. {@code ticket} names this wait, so that an
     * answer for a key state gone meanwhile is not taken for a newer one of the same key id.
     */
    record CertificateToVerify(int keyId, long ticket, List<X509Certificate> chain, PeerCertificateVerifier verifier)
            implements SessionEvent {
        public CertificateToVerify {
            chain = List.copyOf(chain);
        }

        /** Starts the verification; {@code untrusted} is the address the peer's packets come from. */
        public CompletionStage<PeerRefusal> verify(InetSocketAddress untrusted) {
            return verifier.verify(chain, untrusted);
        }

        @Override
        public String toString() {
            return "CertificateToVerify[key " + keyId + ", " + chain.size() + " certificates]";
        }
    }

    /** A renegotiation finished: new data keys under {@code keyId} are live, the old ones lame ducks. */
    record Renegotiated(int keyId, String keyDerivation, String tlsProtocol) implements SessionEvent {
    }

    /**
     * The session cannot go on and is closed; the runtime restarts it with a new {@link VpnSession}
     * (after a pause) unless {@code fatal}, e.g. after AUTH_FAILED or a refused certificate, where
     * trying again cannot help without a change. {@code authFailed}: the server sent
     * {@code AUTH_FAILED}, which a client answers as its {@code auth-retry} says.
     * {@code tlsNegotiation}: the TLS negotiation itself failed (a TLS error or a refused peer
     * certificate), which ends a client's process under {@code tls-exit}.
     */
    record Failed(String reason, boolean fatal, boolean authFailed, boolean tlsNegotiation) implements SessionEvent {
        public Failed(String reason, boolean fatal) {
            this(reason, fatal, false, false);
        }

        public Failed(String reason, boolean fatal, boolean authFailed) {
            this(reason, fatal, authFailed, false);
        }
    }

    /**
     * The peer asked for a restart ({@code RESTART} from the server, or {@code ping-restart} ran
     * out, or the key negotiation timed out): make a new session and connect again.
     * {@code peerSilent} says it was {@code ping-restart}, which {@code ping-exit} turns into an exit.
     */
    record Restart(String reason, boolean peerSilent) implements SessionEvent {
        public Restart(String reason) {
            this(reason, false);
        }
    }

    /** The peer said it is going away (control message {@code EXIT} or OCC EXIT). */
    record PeerExited(String how) implements SessionEvent {
    }

    /** The server said {@code HALT}: stop, do not reconnect. */
    record Halted(String reason) implements SessionEvent {
    }

    /** This side finished its exit notification ({@link VpnSession#close}); the session is closed. */
    record Closed() implements SessionEvent {
    }
}
