package dev.culvert.core.tlscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.tls.RequiredPeerUsage;
import java.io.IOException;
import java.io.InputStream;
import java.security.Security;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/**
 * The shared peer checks on two committed PEM certificates beside this test (two self-signed certificates
 * without extensions, CN=Culvert Test CA and CN=Culvert Test EC, valid 2026-11-22 to 2126-10-29).
 * The TLS modules test them in real handshakes; these pin the sentences.
 */
class PeerChecksTest {
    private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

    private static X509Certificate fixture(String name) throws Exception {
        try (InputStream in = PeerChecksTest.class.getResourceAsStream(name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aChainFromAnotherCaNamesBothTheIssuerAndTheConfiguredCa() throws Exception {
        X509Certificate ca = fixture("ca-rsa.crt");
        X509Certificate stranger = fixture("ec.crt");
        assertEquals("server certificate CN=Culvert Test EC was issued by CN=Culvert Test EC, which is not the configured ca "
                + "(CN=Culvert Test CA); check that the ca file is the one that issued the server's certificate",
                PeerChainCheck.problem(new X509Certificate[] {stranger}, List.of(ca), "server", NOW));
        assertNull(PeerChainCheck.problem(new X509Certificate[] {ca}, List.of(ca), "server", NOW));
        assertEquals("the client sent no certificate", PeerChainCheck.problem(new X509Certificate[0], List.of(ca), "client", NOW));
    }

    @Test
    void datesOutsideTheValidityAreSaidWithTheDateAndTheClock() throws Exception {
        X509Certificate ca = fixture("ca-rsa.crt");
        Instant later = Instant.parse("2200-01-01T00:00:00Z");
        assertEquals("client certificate CN=Culvert Test CA expired on " + ca.getNotAfter().toInstant() + " (the time here is " + later
                + "); renew it, or check this machine's clock", PeerChainCheck.problem(new X509Certificate[] {ca}, List.of(ca), "client", later));
        Instant earlier = Instant.parse("2020-01-01T00:00:00Z");
        assertTrue(PeerChainCheck.problem(new X509Certificate[] {ca}, List.of(ca), "client", earlier)
                .startsWith("client certificate CN=Culvert Test CA is not valid before "));
    }

    @Test
    void remoteCertTlsNeedsAKeyUsageExtensionFirst() throws Exception {
        X509Certificate bare = fixture("ec.crt");
        assertEquals("server certificate CN=Culvert Test EC has no Key Usage extension (remote-cert-tls server requires one)",
                PeerUsageCheck.problem(bare, RequiredPeerUsage.TLS_SERVER, "server certificate CN=Culvert Test EC"));
        assertNull(PeerUsageCheck.problem(bare, RequiredPeerUsage.ANY, "server certificate CN=Culvert Test EC"));
    }

    @Test
    void theTrustManagerRefusesBeforePkixAndKeepsTheFirstRefusal() throws Exception {
        X509Certificate ca = fixture("ca-rsa.crt");
        X509Certificate stranger = fixture("ec.crt");
        X509ExtendedTrustManager pkix = PkixTrustManagers.forAnchors(List.of(ca), Security.getProvider("SunJSSE"));
        ExplainingTrustManager trust = new ExplainingTrustManager(pkix, List.of(ca), RequiredPeerUsage.TLS_SERVER, Clock.fixed(NOW, ZoneOffset.UTC));
        EngineRecord record = new EngineRecord();
        CertificateException first = assertThrows(CertificateException.class,
                () -> record.within(() -> {
                    trust.checkServerTrusted(new X509Certificate[] {stranger}, "UNKNOWN");
                    return null;
                }));
        assertThrows(CertificateException.class, () -> record.within(() -> {
            trust.checkServerTrusted(new X509Certificate[] {ca}, "UNKNOWN");
            return null;
        }));
        assertEquals(first.getMessage(), record.refusal(), "the first refusal is the one kept");
        assertEquals(1, trust.getAcceptedIssuers().length);
    }

    @Test
    void aSharedTrustManagerKeepsEachRefusalInTheRecordOfTheEngineThatAsked() throws Exception {
        X509Certificate ca = fixture("ca-rsa.crt");
        X509ExtendedTrustManager pkix = PkixTrustManagers.forAnchors(List.of(ca), Security.getProvider("SunJSSE"));
        ExplainingTrustManager shared = new ExplainingTrustManager(pkix, List.of(ca), RequiredPeerUsage.ANY, Clock.fixed(NOW, ZoneOffset.UTC));
        EngineRecord refused = new EngineRecord();
        EngineRecord untouched = new EngineRecord();
        assertThrows(CertificateException.class, () -> refused.within(() -> {
            shared.checkClientTrusted(new X509Certificate[] {fixture("ec.crt")}, "UNKNOWN");
            return null;
        }));
        assertNotNull(refused.refusal());
        assertNull(untouched.refusal(), "another engine's record learns nothing of it");
        assertNull(EngineRecord.bound(), "nothing stays bound after the call");
        assertThrows(CertificateException.class, () -> shared.checkClientTrusted(new X509Certificate[] {fixture("ec.crt")}, "UNKNOWN"),
                "outside any engine's call the certificate is still refused");
    }

    @Test
    void withoutAnchorsEveryCertificateIsRefused() throws Exception {
        X509ExtendedTrustManager none = PkixTrustManagers.forAnchors(List.of(), Security.getProvider("SunJSSE"));
        CertificateException e = assertThrows(CertificateException.class,
                () -> none.checkClientTrusted(new X509Certificate[] {fixture("ec.crt")}, "UNKNOWN"));
        assertEquals("no ca is configured, so no peer certificate can be trusted", e.getMessage());
        assertEquals(0, none.getAcceptedIssuers().length);
    }
}
