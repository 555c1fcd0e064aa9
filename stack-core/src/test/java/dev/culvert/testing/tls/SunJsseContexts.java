package dev.culvert.testing.tls;

import dev.culvert.testing.pki.TestPki;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The JDK's own JSSE as an independent peer for the TLS modules' tests: a context with one identity, trusting one CA. */
public final class SunJsseContexts {
    private SunJsseContexts() {
    }

    /** A SunJSSE context of {@code protocol} ("TLS", "TLSv1.3") presenting {@code identity} and trusting {@code ca}. */
    public static SSLContext of(TestPki.Issued ca, TestPki.Issued identity, String protocol) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("identity", identity.keys().getPrivate(), password, new X509Certificate[] {identity.certificate()});
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509", "SunJSSE");
        kmf.init(keys, password);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance(protocol, "SunJSSE");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
