package dev.culvert.vpn.pem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.testing.tls.HandshakeDriver;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLEngine;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;

/**
 * Settings as module-vpn will build them: ca, cert and key read from PEM text by the kernel's
 * {@code dev.culvert.vpn.pem}. BouncyCastle's PEM writer produces the traditional encodings
 * OpenSSL users have on disk (PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}).
 */
class PemConfiguredHandshakeTest {
    private static String pem(Object... objects) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        return text.toString();
    }

    private static TlsSettings fromPem(boolean client, String ca, String cert, String key, RequiredPeerUsage usage) throws Exception {
        return new TlsSettings(client, PemCertificates.read(ca, "ca.crt"), PemCertificates.read(cert, "cert.crt"),
                PemPrivateKeys.read(key, "key.pem"), "TLSv1.2", "TLSv1.3", true, usage);
    }

    @Test
    void anRsaServerWithAPkcs1KeyAndAnEcClientWithASec1Key() throws Exception {
        TestPki.Issued ca = TestPki.ca("Culvert Test CA");
        Instant now = Instant.now();
        KeyPair rsa = TestPki.rsaKeys();
        TestPki.Issued server = TestPki.leaf(ca, "vpn.example", TestPki.Usage.SERVER, rsa, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true);
        // BouncyCastle-made EC keys keep the curve inside SEC1, as OpenSSL writes it; the JDK's would not
        // (BouncyCastle's writer then emits a SEC1 key without its curve, which vpn.pem refuses).
        KeyPairGenerator bcEc = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        bcEc.initialize(new ECGenParameterSpec("secp256r1"));
        TestPki.Issued client = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT, bcEc.generateKeyPair(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650)), true);
        String serverKey = pem(server.keys().getPrivate());
        String clientKey = pem(client.keys());
        assertTrue(serverKey.startsWith("-----BEGIN RSA PRIVATE KEY-----"), serverKey.lines().findFirst().orElseThrow());
        assertTrue(clientKey.startsWith("-----BEGIN EC PRIVATE KEY-----"), clientKey.lines().findFirst().orElseThrow());

        BcTlsProvider provider = new BcTlsProvider();
        SSLEngine c = provider.newEngine(fromPem(true, pem(ca.certificate()), pem(client.certificate()), clientKey, RequiredPeerUsage.TLS_SERVER));
        SSLEngine s = provider.newEngine(fromPem(false, pem(ca.certificate()), pem(server.certificate()), serverKey, RequiredPeerUsage.TLS_CLIENT));
        assertTrue(HandshakeDriver.run(c, s).finished());
        assertEquals("TLSv1.3", c.getSession().getProtocol());
        assertEquals(server.certificate(), c.getSession().getPeerCertificates()[0]);
        assertArrayEquals(provider.exportKeyingMaterial(c, "EXPORTER-OpenVPN-datakeys", null, 256),
                provider.exportKeyingMaterial(s, "EXPORTER-OpenVPN-datakeys", null, 256));
    }
}
