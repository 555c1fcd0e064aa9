package dev.culvert.vpn.peercert;

import dev.culvert.vpn.session.PeerCertificatePolicy;
import dev.culvert.vpn.session.PeerRefusal;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * {@code crl-verify FILE}: every certificate the peer sent must be vouched for by a CRL of its
 * issuer in the file, and be listed in none. As 2.6 with OpenSSL (which sets
 * {@code X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL}): each certificate of the chain, not
 * only the peer's own, needs a CRL from its issuer; a CRL whose signature does not verify with its
 * issuer's key, or that is outside its dates ({@code nextUpdate} passed: the classic of a CRL
 * nobody renewed), vouches for nothing, and the peer is refused.
 *
 * <p>The issuer whose key checks a CRL is the next certificate of the chain, or else the
 * configured CA of that name. The file is consulted at every handshake and re-read when it
 * changed ({@link CrlFile}).
 */
public final class CrlFileCheck implements PeerCertificatePolicy {
    private final CrlFile crls;
    private final List<X509Certificate> anchors;
    private final Clock clock;

    /**
     * @param anchors the configured CA certificates ({@code ca}), whose keys check the CRLs they issued
     * @param clock   judges the CRLs' dates
     */
    public CrlFileCheck(CrlFile crls, List<X509Certificate> anchors, Clock clock) {
        this.crls = crls;
        this.anchors = List.copyOf(anchors);
        this.clock = clock;
    }

    @Override
    public PeerRefusal check(List<X509Certificate> chain) {
        CrlFile.Snapshot snapshot = crls.current();
        String where = "crl-verify " + crls.file();
        if (snapshot.problem() != null) {
            return new PeerRefusal(CertificateDrops.CRL_UNUSABLE, where + " " + snapshot.problem()
                    + "; every peer is refused until the file is a valid CRL again" + peer(chain));
        }
        Instant now = clock.instant();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            if (anchors.contains(certificate)) {
                continue;
            }
            X509Certificate issuer = issuerOf(certificate, i + 1 < chain.size() ? chain.get(i + 1) : null);
            String who = "certificate " + PeerRefusal.certificate(certificate);
            boolean vouched = false;
            for (X509CRL crl : snapshot.crls()) {
                if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())) {
                    continue;
                }
                String unusable = unusable(crl, issuer, now);
                if (unusable != null) {
                    return new PeerRefusal(CertificateDrops.CRL_UNUSABLE, where + ": the CRL of " + crl.getIssuerX500Principal().getName()
                            + " " + unusable + ", so it cannot vouch for " + who);
                }
                X509CRLEntry entry = crl.getRevokedCertificate(certificate);
                if (entry != null) {
                    return new PeerRefusal(CertificateDrops.REVOKED, where + ": " + who + " is revoked"
                            + (entry.getRevocationDate() == null ? "" : " since " + entry.getRevocationDate().toInstant()));
                }
                vouched = true;
            }
            if (!vouched) {
                return new PeerRefusal(CertificateDrops.CRL_UNUSABLE, where + " has no CRL from " + certificate.getIssuerX500Principal().getName()
                        + ", which issued " + who + "; add that CA's CRL to the file");
            }
        }
        return null;
    }

    private X509Certificate issuerOf(X509Certificate certificate, X509Certificate next) {
        if (next != null && next.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return next;
        }
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                return anchor;
            }
        }
        return null;
    }

    /** Why {@code crl} cannot be relied on, or null. */
    private static String unusable(X509CRL crl, X509Certificate issuer, Instant now) {
        if (issuer == null) {
            return "has no issuer certificate here to check its signature with";
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            return "does not verify with its issuer's key (" + e.getMessage() + "); it was not signed by the configured CA";
        }
        Date nowDate = Date.from(now);
        if (crl.getThisUpdate() != null && crl.getThisUpdate().after(nowDate)) {
            return "is not valid before " + crl.getThisUpdate().toInstant() + " (the time here is " + now + "); check this machine's clock";
        }
        if (crl.getNextUpdate() != null && crl.getNextUpdate().before(nowDate)) {
            return "expired on " + crl.getNextUpdate().toInstant() + " (the time here is " + now
                    + "); publish a fresh CRL (e.g. easyrsa gen-crl)";
        }
        return null;
    }

    private static String peer(List<X509Certificate> chain) {
        return chain.isEmpty() ? "" : " (peer certificate " + PeerRefusal.certificate(chain.get(0)) + ")";
    }
}
