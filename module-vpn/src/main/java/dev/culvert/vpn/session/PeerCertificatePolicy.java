package dev.culvert.vpn.session;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What OpenVPN checks in the peer's certificates beyond TLS's own chain validation:
 * {@code crl-verify}, {@code verify-x509-name}, {@code remote-cert-ku}, {@code remote-cert-eku},
 * {@code ns-cert-type}. A session runs it on every key state right after the TLS handshake
 * finished and before key method 2 goes either way, so a refused peer never gets a data key, at
 * the first handshake and at every renegotiation alike, whichever TLS provider made the engine.
 *
 * <p>One policy serves every session of a configuration, on several control threads at once:
 * implementations are thread-safe.
 */
@FunctionalInterface
public interface PeerCertificatePolicy {
    /** Checks nothing. */
    PeerCertificatePolicy NONE = chain -> null;

    /**
     * Why the peer is refused, or null if it passes.
     *
     * @param chain the certificates the peer sent, its own first; TLS has already validated them
     *              against the configured CA
     */
    PeerRefusal check(List<X509Certificate> chain);
}
