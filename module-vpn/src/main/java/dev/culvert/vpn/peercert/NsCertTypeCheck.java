package dev.culvert.vpn.peercert;

import dev.culvert.vpn.session.PeerCertificatePolicy;
import dev.culvert.vpn.session.PeerRefusal;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The legacy {@code ns-cert-type server|client}, which 2.6 still takes (deprecated, OpenSSL builds
 * only) and field configurations still carry. 2.6 asks OpenSSL's {@code X509_check_purpose} for
 * SSL server, resp. client, use, and failing that accepts a Netscape Cert Type extension
 * (2.16.840.1.113730.1.1) with the SSL server (0x40), resp. client (0x80), bit. The purpose check,
 * for a leaf: an EKU, if present, lists serverAuth (or a Server Gated Crypto purpose), resp.
 * clientAuth; a Key Usage, if present, allows digitalSignature, keyEncipherment or keyAgreement
 * for a server, digitalSignature or keyAgreement for a client; a Netscape Cert Type, if present,
 * has the bit. A certificate with none of these extensions passes, as in 2.6.
 */
public final class NsCertTypeCheck implements PeerCertificatePolicy {
    static final String NETSCAPE_CERT_TYPE = "2.16.840.1.113730.1.1";
    private static final int SSL_CLIENT = 0x80;
    private static final int SSL_SERVER = 0x40;
    private static final List<String> SERVER_PURPOSES = List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.4.1.311.10.3.3", "2.16.840.1.113730.4.1");
    private static final List<String> CLIENT_PURPOSES = List.of("1.3.6.1.5.5.7.3.2");

    private final boolean server;

    /** @param server true for {@code ns-cert-type server} (a client checking its server), false for {@code client} */
    public NsCertTypeCheck(boolean server) {
        this.server = server;
    }

    @Override
    public PeerRefusal check(List<X509Certificate> chain) {
        String directive = "ns-cert-type " + (server ? "server" : "client");
        if (chain.isEmpty()) {
            return new PeerRefusal(CertificateDrops.NS_CERT_TYPE, directive + ": the peer sent no certificate");
        }
        X509Certificate leaf = chain.get(0);
        Integer nsType = netscapeCertType(leaf);
        int bit = server ? SSL_SERVER : SSL_CLIENT;
        String purposeProblem = purposeProblem(leaf, nsType, bit);
        if (purposeProblem == null || (nsType != null && (nsType & bit) != 0)) {
            return null;
        }
        return new PeerRefusal(CertificateDrops.NS_CERT_TYPE, directive + ": peer certificate " + PeerRefusal.certificate(leaf)
                + " is not for TLS " + (server ? "server" : "client") + " use: " + purposeProblem
                + (nsType == null ? ", and it has no Netscape Cert Type" : ""));
    }

    /** Why OpenSSL's purpose check would fail, or null. */
    private String purposeProblem(X509Certificate leaf, Integer nsType, int bit) {
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return "its Extended Key Usage is unreadable";
        }
        if (eku != null && (server ? SERVER_PURPOSES : CLIENT_PURPOSES).stream().noneMatch(eku::contains)) {
            return "its Extended Key Usage lacks " + (server ? "serverAuth" : "clientAuth");
        }
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null) {
            boolean digitalSignature = ku.length > 0 && ku[0];
            boolean keyEncipherment = ku.length > 2 && ku[2];
            boolean keyAgreement = ku.length > 4 && ku[4];
            if (!(digitalSignature || keyAgreement || (server && keyEncipherment))) {
                return "its Key Usage allows no TLS " + (server ? "server" : "client") + " key use";
            }
        }
        if (nsType != null && (nsType & bit) == 0) {
            return "its Netscape Cert Type lacks the SSL " + (server ? "server" : "client") + " bit";
        }
        return null;
    }

    /** The first byte of the Netscape Cert Type bit string, or null if the extension is absent or unreadable. */
    static Integer netscapeCertType(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(NETSCAPE_CERT_TYPE);
        // An OCTET STRING wrapping a BIT STRING, both short: 04 len 03 len unused-bits [first-byte ...]
        if (value == null || value.length < 5 || value[0] != 0x04 || value[1] != value.length - 2 || value[2] != 0x03
                || value[3] != value.length - 4) {
            return null;
        }
        return value.length > 5 ? value[5] & 0xff : 0;
    }
}
