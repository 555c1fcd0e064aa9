package dev.culvert.vpn.inprocess;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.testing.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate policy across renegotiations, server and client whole in one JVM: the identity
 * of key id 0 is locked, and a CRL is consulted again at every handshake.
 */
class PeerCertificateInProcessTest {
    /** The client's TLS: its first engine presents the configured certificate, every later one {@code other}. */
    private record SwitchingTls(TlsProvider delegate, TestPki.Issued other, AtomicInteger engines) implements TlsProvider {
        @Override
        public String name() {
            return "switching";
        }

        @Override
        public SSLEngine newEngine(TlsSettings s) throws GeneralSecurityException {
            if (engines.getAndIncrement() == 0) {
                return delegate.newEngine(s);
            }
            return delegate.newEngine(new TlsSettings(s.client(), s.trustAnchors(), List.of(other.certificate()), other.keys().getPrivate(),
                    s.minimumVersion(), s.maximumVersion(), s.requirePeerCertificate(), s.requiredPeerUsage()));
        }

        @Override
        public byte[] exportKeyingMaterial(SSLEngine engine, String label, byte[] context, int length) throws SSLException {
            return delegate.exportKeyingMaterial(engine, label, context, length);
        }

        @Override
        public boolean canExportKeyingMaterial(SSLEngine engine) {
            return delegate.canExportKeyingMaterial(engine);
        }
    }

    @Test
    void aRenegotiationThatPresentsAnotherCommonNameIsRefusedAndTheSessionClosed(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            TestPki.Issued mallory = TestPki.leaf(tunnel.issued.ca(), "mallory", TestPki.Usage.CLIENT);
            ModuleBinder.bind(tunnel.clientSlots(), new SwitchingTls(new BcTlsProvider(), mallory, new AtomicInteger()), "switching", 100);
            tunnel.startServer();
            tunnel.startClient("reneg-sec 2");
            tunnel.awaitConnected(1);
            assertTrue(tunnel.ping(1), "before the renegotiation: " + tunnel.clientStatus());
            tunnel.awaitServerSays("certificate refusals: {vpn.cert.common-name-changed=1}");
            tunnel.awaitServerSays("openvpn server: 0 clients connected");
        }
    }

    @Test
    void aCrlUpdatedDuringASessionStopsTheClientAtItsNextRenegotiation(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            Path crl = dir.resolve("crl.pem");
            Files.writeString(crl, TestPki.pem(TestPki.crl(tunnel.issued.ca())));
            tunnel.startServer("crl-verify " + crl);
            tunnel.startClient("reneg-sec 3");
            tunnel.awaitConnected(1);
            assertTrue(tunnel.ping(1), "with a CRL that revokes no one: " + tunnel.clientStatus());
            Files.writeString(crl, TestPki.pem(TestPki.crl(tunnel.issued.ca(), tunnel.issued.client().certificate())));
            tunnel.awaitServerSays("vpn.cert.revoked=");
            tunnel.awaitServerSays("openvpn server: 0 clients connected");
        }
    }

    @Test
    void aRevokedClientGetsNoTunnel(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            Path crl = dir.resolve("crl.pem");
            Files.writeString(crl, TestPki.pem(TestPki.crl(tunnel.issued.ca(), tunnel.issued.client().certificate())));
            tunnel.startServer("crl-verify " + crl);
            tunnel.startClient();
            tunnel.awaitServerSays("certificate refusals: {vpn.cert.revoked=1}");
            assertFalse(tunnel.clientStatus().contains("openvpn client: connected"), tunnel.clientStatus());
            assertTrue(tunnel.serverStatus().contains("openvpn server: 0 clients connected"), tunnel.serverStatus());
        }
    }

    @Test
    void aClientWithCrlVerifyRefusesARevokedServer(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            Path crl = dir.resolve("crl.pem");
            Files.writeString(crl, TestPki.pem(TestPki.crl(tunnel.issued.ca(), tunnel.issued.server().certificate())));
            tunnel.startServer();
            tunnel.startClient("crl-verify " + crl);
            tunnel.awaitClientSays("certificate refusals: {vpn.cert.revoked=1}");
            tunnel.awaitClientSays("failed: peer certificate refused (vpn.cert.revoked)");
        }
    }

    @Test
    void aClientRefusesAServerWhoseNameIsNotTheOneItVerifies(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            tunnel.startServer();
            tunnel.startClient("verify-x509-name vpn.example.org name");
            tunnel.awaitClientSays("certificate refusals: {vpn.cert.x509-name=1}");
            tunnel.awaitClientSays("its common name is 'runtime-server'");
        }
    }

    @Test
    void aClientThatVerifiesTheServersSubjectAndUsagesConnects(@TempDir Path dir) throws Exception {
        try (InProcessTunnel tunnel = new InProcessTunnel(dir)) {
            tunnel.startServer("remote-cert-ku", "remote-cert-eku \"TLS Web Client Authentication\"", "ns-cert-type client");
            tunnel.startClient("verify-x509-name CN=runtime-server subject", "remote-cert-ku a0", "remote-cert-eku 1.3.6.1.5.5.7.3.1",
                    "ns-cert-type server");
            tunnel.awaitConnected(1);
            assertTrue(tunnel.ping(1), tunnel.clientStatus());
        }
    }
}
