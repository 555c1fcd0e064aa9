package dev.culvert.spi.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a TLS engine is configured with. The private key is a live object: callers hold it only
 * as long as the configuration that loaded it.
 *
 * @param client        true for the TLS client role (an OpenVPN client), false for the server role
 * @param trustAnchors  the CA certificates a peer's chain must lead to ({@code ca})
 * @param certificateChain this side's certificate first, then intermediates ({@code cert})
 * @param privateKey    the key of the first certificate ({@code key})
 * @param minimumVersion the lowest TLS version allowed, {@code TLSv1.2} or {@code TLSv1.3}
 * @param requirePeerCertificate whether a server demands a client certificate
 */
public record TlsSettings(
        boolean client,
        List<X509Certificate> trustAnchors,
        List<X509Certificate> certificateChain,
        PrivateKey privateKey,
        String minimumVersion,
        boolean requirePeerCertificate) {

    public TlsSettings {
        trustAnchors = List.copyOf(trustAnchors);
        certificateChain = List.copyOf(certificateChain);
        if (!minimumVersion.equals("TLSv1.2") && !minimumVersion.equals("TLSv1.3")) {
            throw new IllegalArgumentException("tls-version-min must be 1.2 or 1.3, not " + minimumVersion);
        }
    }

    @Override
    public String toString() {
        // The key's toString can print key material in some providers: never include it.
        return "TlsSettings[client=" + client + ", anchors=" + trustAnchors.size() + ", chain=" + certificateChain.size()
                + ", min=" + minimumVersion + ", requirePeerCertificate=" + requirePeerCertificate + "]";
    }
}
