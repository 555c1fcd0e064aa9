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

    private CertificateDrops() {
    }
}
