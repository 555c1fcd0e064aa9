package dev.culvert.spi.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.pki.TestPki;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks a TLS configuration passes before any provider sees it. */
class TlsSettingsTest {
    private static final TestPki.Issued CA = issue();

    private static TestPki.Issued issue() {
        try {
            return TestPki.ca("Culvert Test CA");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<X509Certificate> ca() {
        return List.of(CA.certificate());
    }

    private static PrivateKey key() {
        return CA.keys().getPrivate();
    }

    @Test
    void theShortConstructorAllowsTls13AndAsksNoUsage() throws Exception {
        TlsSettings settings = new TlsSettings(true, ca(), ca(), key(), "TLSv1.2", false);
        assertEquals("TLSv1.3", settings.maximumVersion());
        assertEquals(RequiredPeerUsage.ANY, settings.requiredPeerUsage());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), settings.enabledProtocols());
    }

    @Test
    void enabledProtocolsFollowTheBounds() throws Exception {
        assertEquals(List.of("TLSv1.2"), new TlsSettings(true, ca(), ca(), key(), "TLSv1.2", "TLSv1.2", false, RequiredPeerUsage.TLS_SERVER).enabledProtocols());
        assertEquals(List.of("TLSv1.3"), new TlsSettings(true, ca(), ca(), key(), "TLSv1.3", "TLSv1.3", false, RequiredPeerUsage.TLS_SERVER).enabledProtocols());
    }

    @Test
    void refusesVersionsOutsideTls12And13AndAnInvertedRange() throws Exception {
        List<X509Certificate> ca = ca();
        PrivateKey key = key();
        IllegalArgumentException old = assertThrows(IllegalArgumentException.class,
                () -> new TlsSettings(true, ca, ca, key, "TLSv1.1", false));
        assertTrue(old.getMessage().contains("tls-version-min must be TLSv1.2 or TLSv1.3, not TLSv1.1"), old.getMessage());
        IllegalArgumentException inverted = assertThrows(IllegalArgumentException.class,
                () -> new TlsSettings(true, ca, ca, key, "TLSv1.3", "TLSv1.2", false, RequiredPeerUsage.ANY));
        assertTrue(inverted.getMessage().contains("above tls-version-max"), inverted.getMessage());
    }

    @Test
    void aCertificateAndItsKeyComeTogetherAndAServerHasBoth() throws Exception {
        List<X509Certificate> ca = ca();
        PrivateKey key = key();
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings(true, ca, ca, null, "TLSv1.2", false));
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings(true, ca, List.of(), key, "TLSv1.2", false));
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings(false, ca, List.of(), null, "TLSv1.2", false));
        new TlsSettings(true, ca, List.of(), null, "TLSv1.2", false); // a client without a certificate
    }

    @Test
    void aClientNeedsACa() throws Exception {
        List<X509Certificate> ca = ca();
        PrivateKey key = key();
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings(true, List.of(), ca, key, "TLSv1.2", false));
    }

    @Test
    void toStringHidesTheKey() throws Exception {
        PrivateKey key = key();
        String text = new TlsSettings(true, ca(), ca(), key, "TLSv1.2", false).toString();
        assertFalse(text.contains(key.toString()), text);
        assertTrue(text.contains("versions=TLSv1.2..TLSv1.3"), text);
    }

    @Test
    void usagesNameTheirOidAndDirective() {
        assertEquals("1.3.6.1.5.5.7.3.1", RequiredPeerUsage.TLS_SERVER.extendedKeyUsageOid());
        assertEquals("remote-cert-tls client", RequiredPeerUsage.TLS_CLIENT.directive());
        assertEquals("TLS Web Server Authentication", RequiredPeerUsage.TLS_SERVER.displayName());
    }

    @Test
    void aServerDemandsAsksForOrDoesNotAskForAClientCertificate() throws Exception {
        javax.net.ssl.SSLEngine engine = javax.net.ssl.SSLContext.getDefault().createSSLEngine();
        engine.setUseClientMode(false);
        new TlsSettings(false, ca(), ca(), key(), "TLSv1.2", "TLSv1.3", true, RequiredPeerUsage.ANY, TlsAlgorithms.MODULE_DEFAULTS, true)
                .applyPeerCertificateRequest(engine);
        assertTrue(engine.getNeedClientAuth(), "require");
        new TlsSettings(false, ca(), ca(), key(), "TLSv1.2", "TLSv1.3", false, RequiredPeerUsage.ANY, TlsAlgorithms.MODULE_DEFAULTS, true)
                .applyPeerCertificateRequest(engine);
        assertFalse(engine.getNeedClientAuth(), "optional");
        assertTrue(engine.getWantClientAuth(), "optional");
        new TlsSettings(false, List.of(), ca(), key(), "TLSv1.2", "TLSv1.3", false, RequiredPeerUsage.ANY, TlsAlgorithms.MODULE_DEFAULTS,
                false).applyPeerCertificateRequest(engine);
        assertFalse(engine.getNeedClientAuth() || engine.getWantClientAuth(), "none: no CA needed either");
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings(false, List.of(), ca(), key(), "TLSv1.2", "TLSv1.3", false,
                RequiredPeerUsage.ANY, TlsAlgorithms.MODULE_DEFAULTS, true), "asking for a certificate needs a CA to check it");
    }
}
