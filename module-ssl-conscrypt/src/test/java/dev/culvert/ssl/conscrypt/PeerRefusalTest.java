package dev.culvert.ssl.conscrypt;

import static dev.culvert.ssl.conscrypt.HandshakeTest.clientSettings;
import static dev.culvert.ssl.conscrypt.HandshakeTest.serverSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.testing.tls.HandshakeDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The handshakes that must fail, and what each side tells its operator: the refusing side names
 * the certificate and the reason (the same sentences as the bc provider's, from the kernel's
 * tlscheck), the refused side says it was refused.
 */
class PeerRefusalTest {
    private static final TestPki.ServerAndClient PKI = TestPki.ServerAndClient.issue();
    private final ConscryptTlsProvider provider = new ConscryptTlsProvider();

    private HandshakeDriver.Outcome handshake(TlsSettings clientSide, TlsSettings serverSide) throws Exception {
        HandshakeDriver.Outcome outcome = HandshakeDriver.run(provider.newEngine(clientSide), provider.newEngine(serverSide));
        assertFalse(outcome.finished(), "the handshake must fail");
        return outcome;
    }

    private static String message(SSLException failure) {
        assertInstanceOf(SSLHandshakeException.class, failure);
        return failure.getMessage();
    }

    /** The client refuses the server's certificate; the server hears it was refused. */
    private HandshakeDriver.Outcome clientRefuses(TestPki.Issued serverLeaf, String version) throws Exception {
        HandshakeDriver.Outcome outcome = handshake(clientSettings(PKI.ca(), PKI.client(), "TLSv1.3"), serverSettings(PKI.ca(), serverLeaf, version));
        assertTrue(outcome.serverError().getMessage().startsWith("the client refused this server's certificate"), outcome.serverError().getMessage());
        return outcome;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aServerCertificateFromAnotherCaIsRefused(String version) throws Exception {
        TestPki.Issued stranger = TestPki.leaf(TestPki.ca("Other CA"), "vpn.example", TestPki.Usage.SERVER);
        HandshakeDriver.Outcome outcome = clientRefuses(stranger, version);
        assertEquals("server certificate CN=vpn.example was issued by CN=Other CA, which is not the configured ca (CN=Culvert Test CA); "
                + "check that the ca file is the one that issued the server's certificate", message(outcome.clientError()));
    }

    @Test
    void aServerCertificateSignedByAnImpostorOfTheCaNameFailsPkix() throws Exception {
        // Same CA name, different key: the names match, the signature does not.
        TestPki.Issued impostor = TestPki.leaf(TestPki.ca("Culvert Test CA"), "vpn.example", TestPki.Usage.SERVER);
        HandshakeDriver.Outcome outcome = clientRefuses(impostor, "TLSv1.3");
        assertTrue(message(outcome.clientError()).startsWith("server certificate CN=vpn.example is not trusted by the configured ca: "),
                outcome.clientError().getMessage());
    }

    @Test
    void anExpiredServerCertificateIsRefusedWithItsDate() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued expired = TestPki.leaf(PKI.ca(), "vpn.example", TestPki.Usage.SERVER, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(30)));
        String said = message(clientRefuses(expired, "TLSv1.3").clientError());
        assertTrue(said.startsWith("server certificate CN=vpn.example expired on " + expired.certificate().getNotAfter().toInstant()
                + " (the time here is "), said);
        assertTrue(said.endsWith("); renew it, or check this machine's clock"), said);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void remoteCertTlsServerRefusesAServerCertificateWithoutAnyEku(String version) throws Exception {
        TestPki.Issued noEku = TestPki.leaf(PKI.ca(), "vpn.example", TestPki.Usage.NONE);
        assertEquals("server certificate CN=vpn.example has no TLS Web Server Authentication EKU (remote-cert-tls server)",
                message(clientRefuses(noEku, version).clientError()));
    }

    @Test
    void remoteCertTlsServerRefusesAClientCertificatePosingAsTheServer() throws Exception {
        TestPki.Issued mallory = TestPki.leaf(PKI.ca(), "mallory", TestPki.Usage.CLIENT);
        assertEquals("server certificate CN=mallory has no TLS Web Server Authentication EKU (remote-cert-tls server)",
                message(clientRefuses(mallory, "TLSv1.3").clientError()));
    }

    @Test
    void withoutRemoteCertTlsAServerCertificateWithoutEkuIsAccepted() throws Exception {
        TestPki.Issued noEku = TestPki.leaf(PKI.ca(), "vpn.example", TestPki.Usage.NONE);
        TlsSettings lenient = new TlsSettings(true, List.of(PKI.ca().certificate()), List.of(PKI.client().certificate()), PKI.client().keys().getPrivate(),
                "TLSv1.2", "TLSv1.3", false, RequiredPeerUsage.ANY);
        assertTrue(HandshakeDriver.run(provider.newEngine(lenient), provider.newEngine(serverSettings(PKI.ca(), noEku, "TLSv1.3"))).finished());
    }

    /**
     * In TLS 1.2 the server judges the client's certificate before its own Finished, so the client
     * hears of the refusal during the handshake. In TLS 1.3 the client has finished by then, and
     * Conscrypt's server, failing there, sends it no alert that this driver sees: only the server's
     * side is asserted for 1.3 (the client's control channel then times out, as with OpenVPN's own
     * hand-window).
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void remoteCertTlsClientRefusesAClientCertificateWithoutEku(String version) throws Exception {
        TestPki.Issued noEku = TestPki.leaf(PKI.ca(), "bob", TestPki.Usage.NONE);
        HandshakeDriver.Outcome outcome = handshake(clientSettings(PKI.ca(), noEku, "TLSv1.3"), serverSettings(PKI.ca(), PKI.server(), version));
        assertEquals("client certificate CN=bob has no TLS Web Client Authentication EKU (remote-cert-tls client)", message(outcome.serverError()));
        if (version.equals("TLSv1.2")) {
            assertTrue(message(outcome.clientError()).startsWith("the server refused this client's certificate"), outcome.clientError().getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aServerRequiringClientCertificatesRefusesAClientWithout(String version) throws Exception {
        TlsSettings noCertificate = new TlsSettings(true, List.of(PKI.ca().certificate()), List.of(), null, "TLSv1.2", "TLSv1.3", false,
                RequiredPeerUsage.TLS_SERVER);
        HandshakeDriver.Outcome outcome = handshake(noCertificate, serverSettings(PKI.ca(), PKI.server(), version));
        assertTrue(message(outcome.serverError()).startsWith("the client sent no certificate, and this server requires one"),
                outcome.serverError().getMessage());
        if (version.equals("TLSv1.2")) {
            // TLS 1.2 has no certificate_required alert; the sentence names both causes of handshake_failure.
            assertTrue(message(outcome.clientError()).contains("it requires a client certificate and this client sent none"),
                    outcome.clientError().getMessage());
        }
    }
}
