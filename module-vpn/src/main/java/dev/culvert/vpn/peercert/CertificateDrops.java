package dev.culvert.vpn.peercert;

import dev.culvert.core.graph.DropReason;

/**
 * The counters of peers refused by OpenVPN's certificate checks (the identity lock's are
 * {@link dev.culvert.vpn.session.SessionDrops}'). Counted per session and per configuration.
 */
public final class CertificateDrops {
    /** A certificate of the peer's chain is listed in the CRL, or its serial is a file in the crl-verify directory. */
    public static final DropReason REVOKED = DropReason.of("vpn.cert.revoked");
    /**
     * The CRL file cannot vouch for the peer: unreadable, not a CRL, its signature does not verify
     * with its issuer's key, outside its dates, or it has no CRL from the issuer of one of the
     * peer's certificates. Refused, as 2.6 refuses ("CRL not loaded", OpenSSL's CRL errors).
     */
    public static final DropReason CRL_UNUSABLE = DropReason.of("vpn.cert.crl-unusable");

    /** The peer's subject or common name is not what verify-x509-name asks. */
    public static final DropReason X509_NAME = DropReason.of("vpn.cert.x509-name");
    /** The peer's certificate lacks the Key Usage remote-cert-ku asks. */
    public static final DropReason KEY_USAGE = DropReason.of("vpn.cert.key-usage");
    /** The peer's certificate lacks the Extended Key Usage remote-cert-eku asks. */
    public static final DropReason EXTENDED_KEY_USAGE = DropReason.of("vpn.cert.extended-key-usage");
    /** The peer's certificate is not for the use ns-cert-type asks. */
    public static final DropReason NS_CERT_TYPE = DropReason.of("vpn.cert.ns-cert-type");

    /**
     * The tls-verify script refused a certificate of the peer's chain (it exited non-zero, could
     * not start, or was killed at its time limit), or the certificate could not be handed to it
     * (tls-export-cert's directory not writable, a chain deeper than 2.6's 16).
     */
    public static final DropReason TLS_VERIFY = DropReason.of("vpn.cert.tls-verify");

    private CertificateDrops() {
    }
}
