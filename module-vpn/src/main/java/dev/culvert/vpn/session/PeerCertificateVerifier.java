package dev.culvert.vpn.session;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A check of the peer's certificates whose answer takes time, such as 2.6's {@code tls-verify}
 * script. It runs after the {@link PeerCertificatePolicy} passed, at the same point of every key
 * state (the handshake finished, key method 2 not yet taken either way), so a refused peer never
 * gets a data key. The session does not wait for it: it reports
 * {@link SessionEvent.CertificateToVerify}, holds the key state, and the runtime hands the answer
 * back on the session's control thread ({@link VpnSession#certificateVerified}).
 *
 * <p>One verifier serves every session of a configuration at once: implementations are thread-safe.
 */
@FunctionalInterface
public interface PeerCertificateVerifier {
    /** Verifies nothing: the session does not hold its key states for it. */
    PeerCertificateVerifier NONE = (chain, peer) -> CompletableFuture.completedFuture(null);

    /**
     * Why the peer is refused, or null once it passes. The stage never completes exceptionally:
     * a check that could not be made is a refusal.
     *
     * @param chain     the certificates the peer sent, its own first; TLS has validated them
     * @param untrusted the address the peer's packets came from (2.6's {@code untrusted_ip})
     */
    CompletionStage<PeerRefusal> verify(List<X509Certificate> chain, InetSocketAddress untrusted);
}
