package dev.culvert.vpn.session;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The common name (CN) of a TLS peer's certificate, which OpenVPN servers use as the client's
 * name: for its pool address, its client-config-dir file and the duplicate-cn rule; and the
 * certificates it names, as the peer sent them.
 */
public final class PeerCertificateName {
    private PeerCertificateName() {
    }

    /** The last CN in the leaf's subject (the most specific, as OpenVPN reads it), or null if none. */
    static String commonName(SSLEngine engine) {
        List<X509Certificate> chain = chain(engine);
        return chain.isEmpty() ? null : commonName(chain.get(0));
    }

    /** The X.509 certificates the peer sent, its own first; empty if it sent none. */
    static List<X509Certificate> chain(SSLEngine engine) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            for (Certificate certificate : engine.getSession().getPeerCertificates()) {
                if (!(certificate instanceof X509Certificate x509)) {
                    break;
                }
                out.add(x509);
            }
        } catch (SSLPeerUnverifiedException e) {
            // No certificate: an empty chain.
        }
        return out;
    }

    /** The common name of {@code certificate}'s subject as OpenVPN takes it (the last CN), or null if none. */
    public static String commonName(X509Certificate certificate) {
        return commonName(certificate.getSubjectX500Principal().getName());
    }

    static String commonName(String rfc2253Subject) {
        try {
            String cn = null;
            // getRdns() runs from the first RDN of the DN to the last (the reverse of the string), so the
            // CN kept is the last one, the most specific, which is the one OpenVPN takes.
            for (Rdn rdn : new LdapName(rfc2253Subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
