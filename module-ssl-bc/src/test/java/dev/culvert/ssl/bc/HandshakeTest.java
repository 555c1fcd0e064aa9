package dev.culvert.ssl.bc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.testing.tls.HandshakeDriver;
import dev.culvert.core.tlscheck.InMemoryKeyManagers;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLKeyException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;

/** Handshakes between two engines of this provider, in memory. */
class HandshakeTest {
    private static final TestPki.ServerAndClient PKI = TestPki.ServerAndClient.issue();
    private final BcTlsProvider provider = new BcTlsProvider();

    static TlsSettings clientSettings(TestPki.Issued ca, TestPki.Issued client) {
        return new TlsSettings(true, List.of(ca.certificate()), List.of(client.certificate()), client.keys().getPrivate(),
                "TLSv1.2", "TLSv1.3", false, RequiredPeerUsage.TLS_SERVER);
    }

    static TlsSettings serverSettings(TestPki.Issued ca, TestPki.Issued server, String maximumVersion) {
        return new TlsSettings(false, List.of(ca.certificate()), List.of(server.certificate()), server.keys().getPrivate(),
                "TLSv1.2", maximumVersion, true, RequiredPeerUsage.TLS_CLIENT);
    }

    @Test
    void mutualAuthenticationNegotiatesTls13AndBothSidesExportTheSameKeys() throws Exception {
        SSLEngine c = provider.newEngine(clientSettings(PKI.ca(), PKI.client()));
        SSLEngine s = provider.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"));
        HandshakeDriver.Outcome outcome = HandshakeDriver.run(c, s);
        assertNull(outcome.clientError());
        assertNull(outcome.serverError());
        assertTrue(outcome.finished());
        assertEquals("TLSv1.3", c.getSession().getProtocol());
        assertEquals(PKI.client().certificate(), s.getSession().getPeerCertificates()[0]);
        assertEquals(PKI.server().certificate(), c.getSession().getPeerCertificates()[0]);
        byte[] clientKeys = provider.exportKeyingMaterial(c, "EXPORTER-OpenVPN-datakeys", null, 256);
        byte[] serverKeys = provider.exportKeyingMaterial(s, "EXPORTER-OpenVPN-datakeys", null, 256);
        assertEquals(256, clientKeys.length);
        assertArrayEquals(clientKeys, serverKeys);
    }

    @Test
    void aServerCappedAtTls12NegotiatesTls12WhereTheExporterIsRefusedClearly() throws Exception {
        SSLEngine c = provider.newEngine(clientSettings(PKI.ca(), PKI.client()));
        SSLEngine s = provider.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.2"));
        assertTrue(HandshakeDriver.run(c, s).finished());
        assertEquals("TLSv1.2", c.getSession().getProtocol());
        assertEquals("TLSv1.2", s.getSession().getProtocol());
        // bctls 1.84 wipes the TLS 1.2 master secret when the handshake ends: OpenVPN must use the PRF.
        assertFalse(provider.canExportKeyingMaterial(c));
        SSLKeyException refused = assertThrows(SSLKeyException.class, () -> provider.exportKeyingMaterial(c, "EXPORTER-OpenVPN-datakeys", null, 256));
        assertTrue(refused.getMessage().contains("TLS 1.3 sessions only") && refused.getMessage().contains("this session is TLSv1.2"), refused.getMessage());
    }

    @Test
    void theExporterTreatsNoContextAsEmptyInTls13AndSeparatesLabels() throws Exception {
        SSLEngine c = provider.newEngine(clientSettings(PKI.ca(), PKI.client()));
        assertTrue(HandshakeDriver.run(c, provider.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"))).finished());
        assertTrue(provider.canExportKeyingMaterial(c));
        byte[] keys = provider.exportKeyingMaterial(c, "EXPORTER-OpenVPN-datakeys", null, 256);
        assertArrayEquals(keys, provider.exportKeyingMaterial(c, "EXPORTER-OpenVPN-datakeys", new byte[0], 256)); // RFC 8446 §7.5
        assertFalse(Arrays.equals(keys, provider.exportKeyingMaterial(c, "EXPORTER-OpenVPN-dynamic-tls-crypt", null, 256)));
        // The length is part of HKDF-Expand-Label's input: 32 bytes are not the first 32 of 256.
        assertFalse(Arrays.equals(Arrays.copyOf(keys, 32), provider.exportKeyingMaterial(c, "EXPORTER-OpenVPN-datakeys", null, 32)));
    }

    @Test
    void exportingBeforeTheHandshakeFinishesFails() throws Exception {
        SSLEngine c = provider.newEngine(clientSettings(PKI.ca(), PKI.client()));
        assertFalse(provider.canExportKeyingMaterial(c));
        SSLException e = assertThrows(SSLException.class, () -> provider.exportKeyingMaterial(c, "EXPORTER-OpenVPN-datakeys", null, 256));
        assertEquals("keying material can only be exported once the TLS handshake has finished", e.getMessage());
    }

    @Test
    void eachHandshakeExportsDifferentKeys() throws Exception {
        SSLEngine c1 = provider.newEngine(clientSettings(PKI.ca(), PKI.client()));
        assertTrue(HandshakeDriver.run(c1, provider.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"))).finished());
        SSLEngine c2 = provider.newEngine(clientSettings(PKI.ca(), PKI.client()));
        assertTrue(HandshakeDriver.run(c2, provider.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"))).finished());
        assertFalse(Arrays.equals(provider.exportKeyingMaterial(c1, "EXPORTER-OpenVPN-datakeys", null, 256),
                provider.exportKeyingMaterial(c2, "EXPORTER-OpenVPN-datakeys", null, 256)));
    }

    @Test
    void enginesSharingAContextKeepTheirOwnExporterSecretsWhenHandshakingAtOnce() throws Exception {
        TlsSettings clientSettings = clientSettings(PKI.ca(), PKI.client());
        TlsSettings serverSettings = serverSettings(PKI.ca(), PKI.server(), "TLSv1.3");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> agreed = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                agreed.add(pool.submit(() -> {
                    SSLEngine c = provider.newEngine(clientSettings);
                    SSLEngine s = provider.newEngine(serverSettings);
                    assertTrue(HandshakeDriver.run(c, s).finished());
                    return Arrays.equals(provider.exportKeyingMaterial(c, "EXPORTER-OpenVPN-datakeys", null, 64),
                            provider.exportKeyingMaterial(s, "EXPORTER-OpenVPN-datakeys", null, 64));
                }));
            }
            for (Future<Boolean> pair : agreed) {
                assertTrue(pair.get(60, TimeUnit.SECONDS), "each client exports what its own server does, not another pair's");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noTls12SessionIsResumedFromTheSharedContext() throws Exception {
        // A client that offers its last session again, as a JSSE client with a peer host does.
        BouncyCastleJsseProvider jsse = new BouncyCastleJsseProvider(new BouncyCastleProvider());
        SSLContext resuming = SSLContext.getInstance("TLS", jsse);
        resuming.init(InMemoryKeyManagers.of(List.of(PKI.client().certificate()), PKI.client().keys().getPrivate(), jsse, "X.509"),
                new TrustManager[] {new TrustingEveryone()}, null);
        TlsSettings serverSettings = serverSettings(PKI.ca(), PKI.server(), "TLSv1.2");
        byte[][] ids = new byte[2][];
        for (int i = 0; i < 2; i++) {
            SSLEngine c = resuming.createSSLEngine("vpn.example", 1194);
            c.setUseClientMode(true);
            SSLEngine s = provider.newEngine(serverSettings);
            assertTrue(HandshakeDriver.run(c, s).finished());
            ids[i] = c.getSession().getId();
        }
        assertFalse(Arrays.equals(ids[0], ids[1]), "the second handshake is a full one, with the client's certificate checked again");
    }

    /** The client side of the resumption test checks nothing: the server's refusal to resume is under test. */
    private static final class TrustingEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Test
    void closingTheSessionWipesItsExporterSecret() throws Exception {
        SSLEngine c = provider.newEngine(clientSettings(PKI.ca(), PKI.client()));
        assertTrue(HandshakeDriver.run(c, provider.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"))).finished());
        assertTrue(provider.canExportKeyingMaterial(c));
        c.closeOutbound();
        assertFalse(provider.canExportKeyingMaterial(c));
        assertFalse(((ExplainingSSLEngine) c).exporterSecret().has(), "no copy of the secret is left");
        SSLKeyException refused = assertThrows(SSLKeyException.class, () -> provider.exportKeyingMaterial(c, "EXPORTER-OpenVPN-datakeys", null, 256));
        assertTrue(refused.getMessage().startsWith("this TLS session was closed and its exporter secret wiped"), refused.getMessage());
    }

    @Test
    void noTlsVersionInCommonIsSaidPlainly() throws Exception {
        TlsSettings tls13Only = new TlsSettings(true, List.of(PKI.ca().certificate()), List.of(PKI.client().certificate()), PKI.client().keys().getPrivate(),
                "TLSv1.3", "TLSv1.3", false, RequiredPeerUsage.TLS_SERVER);
        HandshakeDriver.Outcome outcome = HandshakeDriver.run(provider.newEngine(tls13Only), provider.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.2")));
        assertFalse(outcome.finished());
        SSLException failure = outcome.clientError() != null ? outcome.clientError() : outcome.serverError();
        assertInstanceOf(SSLHandshakeException.class, failure);
        assertTrue(failure.getMessage().contains("TLS version"), failure.getMessage());
    }
}
