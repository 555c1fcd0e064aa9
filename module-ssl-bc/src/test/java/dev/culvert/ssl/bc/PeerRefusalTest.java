package dev.culvert.ssl.bc;

import static dev.culvert.ssl.bc.HandshakeTest.clientSettings;
import static dev.culvert.ssl.bc.HandshakeTest.serverSettings;
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

/**
 * The handshakes that must fail, and what each side tells its operator: the refusing side names
 * the certificate and the reason, the refused side says it was refused.
 */
class PeerRefusalTest {
    private static final TestPki.ServerAndClient PKI = TestPki.ServerAndClient.issue();
    private final BcTlsProvider provider = new BcTlsProvider();

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
    private HandshakeDriver.Outcome clientRefuses(TestPki.Issued serverLeaf) throws Exception {
        HandshakeDriver.Outcome outcome = handshake(clientSettings(PKI.ca(), PKI.client()), serverSettings(PKI.ca(), serverLeaf, "TLSv1.3"));
        assertTrue(message(outcome.serverError()).startsWith("the client refused this server's certificate"), outcome.serverError().getMessage());
        return outcome;
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused() throws Exception {
        TestPki.Issued stranger = TestPki.leaf(TestPki.ca("Other CA"), "vpn.example", TestPki.Usage.SERVER);
        HandshakeDriver.Outcome outcome = clientRefuses(stranger);
        assertEquals("server certificate CN=vpn.example was issued by CN=Other CA, which is not the configured ca (CN=Culvert Test CA); "
                + "check that the ca file is the one that issued the server's certificate", message(outcome.clientError()));
    }

    @Test
    void aServerCertificateSignedByAnImpostorOfTheCaNameFailsPkix() throws Exception {
        // Same CA name, different key: the names match, the signature does not.
        TestPki.Issued impostor = TestPki.leaf(TestPki.ca("Culvert Test CA"), "vpn.example", TestPki.Usage.SERVER);
        HandshakeDriver.Outcome outcome = clientRefuses(impostor);
        assertTrue(message(outcome.clientError()).startsWith("server certificate CN=vpn.example is not trusted by the configured ca: "),
                outcome.clientError().getMessage());
    }

    @Test
    void anExpiredServerCertificateIsRefusedWithItsDate() throws Exception {
        Instant now = Instant.now();
        Instant expiry = now.minus(Duration.ofDays(30));
        TestPki.Issued expired = TestPki.leaf(PKI.ca(), "vpn.example", TestPki.Usage.SERVER, TestPki.ecKeys(),
                now.minus(Duration.ofDays(400)), expiry, true);
        String said = message(clientRefuses(expired).clientError());
        assertTrue(said.startsWith("server certificate CN=vpn.example expired on " + expired.certificate().getNotAfter().toInstant()
                + " (the time here is "), said);
        assertTrue(said.endsWith("); renew it, or check this machine's clock"), said);
    }

    @Test
    void aServerCertificateNotYetValidIsRefused() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued early = TestPki.leaf(PKI.ca(), "vpn.example", TestPki.Usage.SERVER, TestPki.ecKeys(),
                now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(400)), true);
        String said = message(clientRefuses(early).clientError());
        assertTrue(said.startsWith("server certificate CN=vpn.example is not valid before "), said);
        assertTrue(said.contains("check this machine's clock"), said);
    }

    @Test
    void remoteCertTlsServerRefusesAServerCertificateWithoutAnyEku() throws Exception {
        TestPki.Issued noEku = TestPki.leaf(PKI.ca(), "vpn.example", TestPki.Usage.NONE);
        assertEquals("server certificate CN=vpn.example has no TLS Web Server Authentication EKU (remote-cert-tls server)",
                message(clientRefuses(noEku).clientError()));
    }

    @Test
    void remoteCertTlsServerRequiresAKeyUsageExtensionAsOpenVpnDoes() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued noKeyUsage = TestPki.leaf(PKI.ca(), "vpn.example", TestPki.Usage.SERVER, TestPki.ecKeys(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(400)), false);
        assertEquals("server certificate CN=vpn.example has no Key Usage extension (remote-cert-tls server requires one)",
                message(clientRefuses(noKeyUsage).clientError()));
    }

    @Test
    void withoutRemoteCertTlsAServerCertificateWithoutEkuIsAccepted() throws Exception {
        TestPki.Issued noEku = TestPki.leaf(PKI.ca(), "vpn.example", TestPki.Usage.NONE);
        TlsSettings lenient = new TlsSettings(true, List.of(PKI.ca().certificate()), List.of(PKI.client().certificate()), PKI.client().keys().getPrivate(),
                "TLSv1.2", "TLSv1.3", false, RequiredPeerUsage.ANY);
        assertTrue(HandshakeDriver.run(provider.newEngine(lenient), provider.newEngine(serverSettings(PKI.ca(), noEku, "TLSv1.3"))).finished());
    }

    @Test
    void aServerRequiringClientCertificatesRefusesAClientWithout() throws Exception {
        TlsSettings noCertificate = new TlsSettings(true, List.of(PKI.ca().certificate()), List.of(), null, "TLSv1.2", "TLSv1.3", false,
                RequiredPeerUsage.TLS_SERVER);
        HandshakeDriver.Outcome outcome = handshake(noCertificate, serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"));
        assertEquals("the client sent no certificate, and this server requires one (TLS alert certificate_required sent)",
                message(outcome.serverError()));
        // In TLS 1.3 the client has sent its Finished when the alert arrives: an SSLException, not a handshake one.
        assertTrue(outcome.clientError().getMessage().startsWith("the server requires a client certificate and this client sent none; configure cert and key"),
                outcome.clientError().getMessage());
    }

    @Test
    void remoteCertTlsClientRefusesAClientCertificateWithoutEku() throws Exception {
        // (A certificate with only serverAuth never gets here: BCJSSE's client will not offer it, see PeerUsageCheckTest.)
        TestPki.Issued noEku = TestPki.leaf(PKI.ca(), "bob", TestPki.Usage.NONE);
        HandshakeDriver.Outcome outcome = handshake(clientSettings(PKI.ca(), noEku), serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"));
        assertEquals("client certificate CN=bob has no TLS Web Client Authentication EKU (remote-cert-tls client)",
                message(outcome.serverError()));
        assertTrue(outcome.clientError().getMessage().startsWith("the server refused this client's certificate"), outcome.clientError().getMessage());
    }

    @Test
    void aClientCertificateFromAnotherCaIsNotEvenOffered() throws Exception {
        // The server names its CAs in its CertificateRequest and BCJSSE's client offers only a
        // certificate they issued, so the server sees no certificate rather than a wrong one.
        TestPki.Issued other = TestPki.ca("Other CA");
        TestPki.Issued stranger = TestPki.leaf(other, "eve", TestPki.Usage.CLIENT);
        TlsSettings eve = new TlsSettings(true, List.of(PKI.ca().certificate()), List.of(stranger.certificate()), stranger.keys().getPrivate(),
                "TLSv1.2", "TLSv1.3", false, RequiredPeerUsage.TLS_SERVER);
        HandshakeDriver.Outcome outcome = handshake(eve, serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"));
        assertEquals("the client sent no certificate, and this server requires one (TLS alert certificate_required sent)",
                message(outcome.serverError()));
    }
}
