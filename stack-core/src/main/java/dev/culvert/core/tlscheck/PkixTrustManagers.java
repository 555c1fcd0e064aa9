package dev.culvert.core.tlscheck;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** PKIX trust managers over exactly the configured CAs, as OpenVPN's {@code ca} means them. */
public final class PkixTrustManagers {
    private PkixTrustManagers() {
    }

    /**
     * A PKIX trust manager from {@code jsse}'s factory over exactly {@code anchors}, without
     * revocation checks (OpenVPN's are {@code crl-verify}'s). With no anchors (a server that asks
     * for no client certificate) it refuses every certificate that reaches it.
     */
    public static X509ExtendedTrustManager forAnchors(List<X509Certificate> anchors, Provider jsse) throws GeneralSecurityException {
        if (anchors.isEmpty()) {
            return new RefusingTrustManager();
        }
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        for (X509Certificate anchor : anchors) {
            trustAnchors.add(new TrustAnchor(anchor, null));
        }
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors, null);
        parameters.setRevocationEnabled(false);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", jsse);
        factory.init(new CertPathTrustManagerParameters(parameters));
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException(jsse.getName() + " made no X509ExtendedTrustManager");
    }
}
