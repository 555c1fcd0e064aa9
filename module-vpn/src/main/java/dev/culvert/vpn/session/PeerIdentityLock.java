package dev.culvert.vpn.session;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The peer's identity, locked by the session's first key (key id 0) and held against every later
 * key, as 2.6 does: the common name must not change ("TLS object CN attempted to change"), nor the
 * certificates themselves (2.6 compares the SHA-256 hash of the certificate at each depth:
 * "client-provided SSL certs unexpectedly changed during mid-session reauth"). Otherwise a client
 * holding a second valid certificate could renegotiate as another name and keep the first one's
 * address and routes. One per session, used on its control thread.
 */
final class PeerIdentityLock {
    private boolean locked;
    private String commonName;
    private List<byte[]> hashes;

    /**
     * Locks on the first call; on later ones, why the chain is refused, or null if it is the locked one.
     *
     * @param chain the peer's certificates, its own first
     */
    PeerRefusal check(int keyId, List<X509Certificate> chain) {
        String name = chain.isEmpty() ? null : PeerCertificateName.commonName(chain.get(0));
        List<byte[]> now = hashes(chain);
        if (!locked) {
            locked = true;
            commonName = name;
            hashes = now;
            return null;
        }
        String presented = chain.isEmpty() ? "no certificate" : "certificate " + PeerRefusal.certificate(chain.get(0));
        if (!Objects.equals(name, commonName)) {
            return new PeerRefusal(SessionDrops.COMMON_NAME_CHANGED, "key id " + keyId + ": the peer's common name attempted to change from '"
                    + commonName + "' to '" + name + "' (" + presented + "); the session is closed");
        }
        if (!same(now, hashes)) {
            return new PeerRefusal(SessionDrops.CERTIFICATE_CHANGED, "key id " + keyId + ": the peer presented other certificates than at key id 0"
                    + " under the same common name '" + name + "' (" + presented + "); the session is closed");
        }
        return null;
    }

    private static boolean same(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!MessageDigest.isEqual(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<byte[]> hashes(List<X509Certificate> chain) {
        List<byte[]> out = new ArrayList<>(chain.size());
        for (X509Certificate certificate : chain) {
            try {
                out.add(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
                // Neither can happen for a certificate TLS decoded; the session fails as on any internal error.
                throw new IllegalStateException("the peer's certificate cannot be hashed", e);
            }
        }
        return out;
    }
}
