package dev.culvert.ssl.conscrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.testing.tls.HandshakeDriver;
import dev.culvert.testing.tls.SunJsseContexts;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engines of one configuration share one TLS context, which spares each handshake the
 * context's set-up; yet no handshake resumes an earlier one's session. An OpenVPN server checks
 * every client's certificate on every handshake (a resumed session would skip that), and stock
 * OpenVPN never resumes either.
 */
class ContextReuseTest {
    private static final TestPki.ServerAndClient PKI = TestPki.ServerAndClient.issue();
    private final ConscryptTlsProvider provider = new ConscryptTlsProvider();

    @Test
    void enginesOfEqualSettingsShareAContextAndOthersDoNot() throws Exception {
        TlsSettings settings = HandshakeTest.serverSettings(PKI.ca(), PKI.server(), "TLSv1.3");
        SSLContext first = provider.contextFor(settings);
        assertTrue(first == provider.contextFor(HandshakeTest.serverSettings(PKI.ca(), PKI.server(), "TLSv1.3")), "equal settings, one context");
        java.lang.ref.Reference.reachabilityFence(settings); // kept while its settings are
        TestPki.Issued otherCa = TestPki.ca("Another CA");
        TlsSettings otherAnchors = new TlsSettings(false, List.of(otherCa.certificate()), List.of(PKI.server().certificate()),
                PKI.server().keys().getPrivate(), "TLSv1.2", "TLSv1.3", true, RequiredPeerUsage.TLS_CLIENT);
        assertFalse(first == provider.contextFor(otherAnchors), "other trust anchors, another context");
    }

    @Test
    void aReplacedCaIsHonouredByTheNextEngine() throws Exception {
        assertTrue(HandshakeDriver.run(provider.newEngine(HandshakeTest.clientSettings(PKI.ca(), PKI.client(), "TLSv1.3")),
                provider.newEngine(HandshakeTest.serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"))).finished());
        TestPki.Issued otherCa = TestPki.ca("Another CA");
        TlsSettings trustsOnlyTheOther = new TlsSettings(false, List.of(otherCa.certificate()), List.of(PKI.server().certificate()),
                PKI.server().keys().getPrivate(), "TLSv1.2", "TLSv1.3", true, RequiredPeerUsage.TLS_CLIENT);
        assertFalse(HandshakeDriver.run(provider.newEngine(HandshakeTest.clientSettings(PKI.ca(), PKI.client(), "TLSv1.3")),
                provider.newEngine(trustsOnlyTheOther)).finished(), "alice's CA is no longer trusted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aClientOfferingItsLastSessionGetsAFullHandshake(String version) throws Exception {
        SSLContext resumingClient = sunJsseClient();
        SSLSession firstClient = handshake(resumingClient, provider.newEngine(HandshakeTest.serverSettings(PKI.ca(), PKI.server(), version)), version);
        SSLSession secondClient = handshake(resumingClient, provider.newEngine(HandshakeTest.serverSettings(PKI.ca(), PKI.server(), version)), version);
        assertNotResumed(firstClient, secondClient);
    }

    /** The probe itself: it does see a resumption where a server grants one (SunJSSE with a shared context). */
    @Test
    void theProbeSeesAResumptionWhereAServerGrantsOne() throws Exception {
        SSLContext resumingClient = sunJsseClient();
        SSLContext sunServer = sunJsseServer();
        SSLSession first = handshake(resumingClient, sunServerEngine(sunServer), "TLSv1.2");
        SSLSession second = handshake(resumingClient, sunServerEngine(sunServer), "TLSv1.2");
        assertArrayEquals(first.getId(), second.getId(), "SunJSSE resumes a TLS 1.2 session from its cache");
        assertEquals(first.getCreationTime(), second.getCreationTime());
    }

    private static void assertNotResumed(SSLSession first, SSLSession second) {
        assertNotEquals(first.getCreationTime(), second.getCreationTime(), "a resumed session keeps its creation time");
        assertFalse(java.util.Arrays.equals(first.getId(), second.getId()) && first.getId().length > 0, "a resumed TLS 1.2 session keeps its id");
    }

    /** One handshake of a client engine of {@code clientContext} (same peer each time, so it offers its cached session). */
    private static SSLSession handshake(SSLContext clientContext, SSLEngine serverEngine, String version) throws Exception {
        SSLEngine c = clientContext.createSSLEngine("vpn.example", 1194);
        c.setUseClientMode(true);
        c.setEnabledProtocols(new String[] {version});
        assertTrue(HandshakeDriver.run(c, serverEngine).finished());
        assertEquals(version, c.getSession().getProtocol());
        Thread.sleep(5); // creation times are in milliseconds: a new session's differs
        return c.getSession();
    }

    private static SSLContext sunJsseClient() throws Exception {
        return SunJsseContexts.of(PKI.ca(), PKI.client(), "TLS");
    }

    private static SSLContext sunJsseServer() throws Exception {
        return SunJsseContexts.of(PKI.ca(), PKI.server(), "TLS");
    }

    private static SSLEngine sunServerEngine(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        return engine;
    }
}
