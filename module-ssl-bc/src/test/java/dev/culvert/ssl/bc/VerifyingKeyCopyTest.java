package dev.culvert.ssl.bc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.pki.TestPki;
import dev.culvert.testing.tls.HandshakeDriver;
import java.lang.reflect.Field;
import java.security.PublicKey;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import org.bouncycastle.jcajce.util.ProviderJcaJceHelper;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * A TLS 1.3 signature check is made on a copy of the peer's EC key, so the multiples BouncyCastle
 * precomputes for it are not kept for the session's life on the key its peer certificate holds.
 */
class VerifyingKeyCopyTest {
    private final BcTlsProvider provider = new BcTlsProvider();

    @Test
    void aServerThatCheckedAClientsEcSignatureKeepsNoPrecomputationsOnTheClientsKey() throws Exception {
        TestPki.Issued ca = TestPki.ca("Culvert Test CA");
        TestPki.Issued server = TestPki.leaf(ca, "vpn.example", TestPki.Usage.SERVER);
        TestPki.Issued client = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        SSLEngine c = provider.newEngine(HandshakeTest.clientSettings(ca, client));
        SSLEngine s = provider.newEngine(HandshakeTest.serverSettings(ca, server, "TLSv1.3"));

        HandshakeDriver.Outcome outcome = HandshakeDriver.run(c, s);

        assertTrue(outcome.finished(), "the handshake, the client's CertificateVerify checked: " + outcome);
        assertEquals("TLSv1.3", s.getSession().getProtocol());
        PublicKey kept = s.getSession().getPeerCertificates()[0].getPublicKey();
        assertFalse(precomputed(kept).containsKey("bc_wnaf"), "the server's copy of the client's key: " + precomputed(kept));
        PublicKey serverKept = c.getSession().getPeerCertificates()[0].getPublicKey();
        assertFalse(precomputed(serverKept).containsKey("bc_wnaf"), "the client's copy of the server's key: " + precomputed(serverKept));
    }

    @Test
    void anEcKeyIsCopiedWholeAndAnRsaKeyPassesAsItIs() throws Exception {
        ProviderJcaJceHelper helper = new ProviderJcaJceHelper(new BouncyCastleProvider());
        PublicKey ec = TestPki.ecKeys().getPublic();
        PublicKey copy = VerifyingKeyCopy.of(helper, ec);
        assertNotSame(ec, copy);
        assertArrayEquals(ec.getEncoded(), copy.getEncoded());
        PublicKey rsa = TestPki.rsaKeys().getPublic();
        assertSame(rsa, VerifyingKeyCopy.of(helper, rsa));
    }

    /** What BouncyCastle has cached on the key's point, by name (empty for none). */
    private static Map<?, ?> precomputed(PublicKey key) throws ReflectiveOperationException {
        Field table = ECPoint.class.getDeclaredField("preCompTable");
        table.setAccessible(true);
        Object cached = table.get(((ECPublicKey) key).getQ());
        return cached == null ? Map.of() : (Map<?, ?>) cached;
    }
}
