package dev.culvert.spi.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a TLS engine is configured with. The private key is a live object: callers hold it only
 * as long as the configuration that loaded it. Peers are checked against the trust anchors only:
 * no host name check (OpenVPN has none by default) and no revocation check (OpenVPN's
 * {@code crl-verify} is separate).
 *
 * @param client           true for the TLS client role (an OpenVPN client), false for the server role
 * @param trustAnchors     the CA certificates a peer's chain must lead to ({@code ca})
 * @param certificateChain this side's certificate first, then intermediates ({@code cert}); empty
 *                         for a client without a certificate
 * @param privateKey       the key of the first certificate ({@code key}); null exactly when the chain is empty
 * @param minimumVersion   the lowest TLS version allowed, {@code TLSv1.2} or {@code TLSv1.3} ({@code tls-version-min})
 * @param maximumVersion   the highest TLS version allowed, {@code TLSv1.2} or {@code TLSv1.3} ({@code tls-version-max})
 * @param requirePeerCertificate whether a server demands a client certificate; ignored by clients,
 *                         which always demand the server's
 * @param requiredPeerUsage what the peer's certificate must be issued for ({@code remote-cert-tls})
 * @param algorithms       the cipher suites and groups to offer ({@code tls-cipher}, {@code tls-ciphersuites},
 *                         {@code tls-groups}); {@link TlsAlgorithms#MODULE_DEFAULTS} for the module's own
 * @param requestPeerCertificate whether a server asks for a client certificate (checked against the CA when
 *                         one comes) even though it does not demand one: 2.6's {@code verify-client-cert optional};
 *                         false with {@code none}; ignored by clients
 */
public record TlsSettings(
        boolean client,
        List<X509Certificate> trustAnchors,
        List<X509Certificate> certificateChain,
        PrivateKey privateKey,
        String minimumVersion,
        String maximumVersion,
        boolean requirePeerCertificate,
        RequiredPeerUsage requiredPeerUsage,
        TlsAlgorithms algorithms,
        boolean requestPeerCertificate) {

    /** TLS 1.3 unless the configuration caps it. */
    public static final String DEFAULT_MAXIMUM_VERSION = "TLSv1.3";

    public TlsSettings {
        trustAnchors = List.copyOf(trustAnchors);
        certificateChain = List.copyOf(certificateChain);
        Objects.requireNonNull(requiredPeerUsage, "requiredPeerUsage (use RequiredPeerUsage.ANY)");
        Objects.requireNonNull(algorithms, "algorithms (use TlsAlgorithms.MODULE_DEFAULTS)");
        int min = rank(minimumVersion, "tls-version-min");
        int max = rank(maximumVersion, "tls-version-max");
        if (min > max) {
            throw new IllegalArgumentException("tls-version-min " + minimumVersion + " is above tls-version-max " + maximumVersion);
        }
        if (certificateChain.isEmpty() != (privateKey == null)) {
            throw new IllegalArgumentException(privateKey == null ? "a certificate needs its key" : "a key needs its certificate");
        }
        if (!client && certificateChain.isEmpty()) {
            throw new IllegalArgumentException("a TLS server needs a certificate and key");
        }
        if ((client || requirePeerCertificate || requestPeerCertificate) && trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("checking the peer's certificate needs at least one CA certificate");
        }
    }

    /** Settings that ask a client for a certificate exactly when they demand one ({@code verify-client-cert require} or {@code none}). */
    public TlsSettings(boolean client, List<X509Certificate> trustAnchors, List<X509Certificate> certificateChain,
            PrivateKey privateKey, String minimumVersion, String maximumVersion, boolean requirePeerCertificate,
            RequiredPeerUsage requiredPeerUsage, TlsAlgorithms algorithms) {
        this(client, trustAnchors, certificateChain, privateKey, minimumVersion, maximumVersion, requirePeerCertificate,
                requiredPeerUsage, algorithms, requirePeerCertificate);
    }

    /**
     * Sets a server engine's certificate request: demanded ({@code require}), asked for
     * ({@code optional}) or not asked for ({@code none}). A client engine is left alone.
     */
    public void applyPeerCertificateRequest(javax.net.ssl.SSLEngine engine) {
        if (client) {
            return;
        }
        if (requirePeerCertificate) {
            engine.setNeedClientAuth(true);
        } else {
            engine.setWantClientAuth(requestPeerCertificate);
        }
    }

    /** Settings with the module's own cipher suites and groups. */
    public TlsSettings(boolean client, List<X509Certificate> trustAnchors, List<X509Certificate> certificateChain,
            PrivateKey privateKey, String minimumVersion, String maximumVersion, boolean requirePeerCertificate,
            RequiredPeerUsage requiredPeerUsage) {
        this(client, trustAnchors, certificateChain, privateKey, minimumVersion, maximumVersion, requirePeerCertificate,
                requiredPeerUsage, TlsAlgorithms.MODULE_DEFAULTS);
    }

    /** Settings without a version cap or a usage requirement (TLS 1.3 allowed, no {@code remote-cert-tls}). */
    public TlsSettings(boolean client, List<X509Certificate> trustAnchors, List<X509Certificate> certificateChain,
            PrivateKey privateKey, String minimumVersion, boolean requirePeerCertificate) {
        this(client, trustAnchors, certificateChain, privateKey, minimumVersion, DEFAULT_MAXIMUM_VERSION,
                requirePeerCertificate, RequiredPeerUsage.ANY, TlsAlgorithms.MODULE_DEFAULTS);
    }

    /** The versions between the minimum and the maximum, newest first, as JSSE names them. */
    public List<String> enabledProtocols() {
        return minimumVersion.equals(maximumVersion) ? List.of(minimumVersion) : List.of("TLSv1.3", "TLSv1.2");
    }

    private static int rank(String version, String directive) {
        return switch (String.valueOf(version)) {
            case "TLSv1.2" -> 2;
            case "TLSv1.3" -> 3;
            default -> throw new IllegalArgumentException(directive + " must be TLSv1.2 or TLSv1.3, not " + version);
        };
    }

    @Override
    public String toString() {
        // The key's toString can print key material in some providers: never include it.
        return "TlsSettings[client=" + client + ", anchors=" + trustAnchors.size() + ", chain=" + certificateChain.size()
                + ", versions=" + minimumVersion + ".." + maximumVersion + ", requirePeerCertificate=" + requirePeerCertificate
                + ", requiredPeerUsage=" + requiredPeerUsage + ", algorithms=" + algorithms + "]";
    }
}
