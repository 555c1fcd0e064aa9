package dev.culvert.ssl.bc;

import dev.culvert.core.tlscheck.PeerUsageCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.testing.pki.TestPki;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** remote-cert-tls on single certificates, including those BCJSSE never lets reach a handshake check. */
class PeerUsageCheckTest {
    private static TestPki.Issued ca;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.ca("Culvert Test CA");
    }

    @Test
    void aServerCertificatePassesRemoteCertTlsServerOnly() throws Exception {
        TestPki.Issued server = TestPki.leaf(ca, "vpn", TestPki.Usage.SERVER);
        assertNull(PeerUsageCheck.problem(server.certificate(), RequiredPeerUsage.TLS_SERVER, "server certificate CN=vpn"));
        assertEquals("client certificate CN=vpn has no TLS Web Client Authentication EKU (remote-cert-tls client)",
                PeerUsageCheck.problem(server.certificate(), RequiredPeerUsage.TLS_CLIENT, "client certificate CN=vpn"));
    }

    @Test
    void aClientCertificateDoesNotPassForTheServer() throws Exception {
        TestPki.Issued client = TestPki.leaf(ca, "mallory", TestPki.Usage.CLIENT);
        assertEquals("server certificate CN=mallory has no TLS Web Server Authentication EKU (remote-cert-tls server)",
                PeerUsageCheck.problem(client.certificate(), RequiredPeerUsage.TLS_SERVER, "server certificate CN=mallory"));
        assertNull(PeerUsageCheck.problem(client.certificate(), RequiredPeerUsage.TLS_CLIENT, "client certificate CN=mallory"));
    }

    @Test
    void withoutRemoteCertTlsAnythingPasses() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued bare = TestPki.leaf(ca, "bare", TestPki.Usage.NONE, TestPki.ecKeys(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(9)), false);
        assertNull(PeerUsageCheck.problem(bare.certificate(), RequiredPeerUsage.ANY, "server certificate CN=bare"));
    }
}
