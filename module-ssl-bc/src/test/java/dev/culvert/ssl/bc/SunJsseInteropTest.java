package dev.culvert.ssl.bc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.culvert.testing.pki.TestPki;
import dev.culvert.testing.tls.HandshakeDriver;
import dev.culvert.testing.tls.SunJsseContexts;
import java.lang.reflect.Method;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/**
 * The exporter checked against an independent implementation: the JDK's own JSSE, which has
 * {@code ExtendedSSLSession.exportKeyingMaterialData} from JDK 25 (skipped on older JDKs). Both
 * sides of a BC-to-SunJSSE handshake must export the same bytes, so Culvert's TLS 1.3 exporter is
 * RFC 8446's, not merely self-consistent.
 */
class SunJsseInteropTest {
    @Test
    void bcClientAndSunJsseServerExportTheSameKeys() throws Exception {
        Method sunExporter;
        try {
            sunExporter = ExtendedSSLSession.class.getMethod("exportKeyingMaterialData", String.class, byte[].class, int.class);
        } catch (NoSuchMethodException e) {
            assumeTrue(false, "the JDK's JSSE exports keying material from JDK 25 on");
            return;
        }
        TestPki.Issued ca = TestPki.ca("Culvert Test CA");
        TestPki.Issued server = TestPki.leaf(ca, "vpn.example", TestPki.Usage.SERVER);
        TestPki.Issued client = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        BcTlsProvider provider = new BcTlsProvider();
        SSLEngine bcClient = provider.newEngine(HandshakeTest.clientSettings(ca, client));
        SSLEngine sunServer = sunServer(ca, server);

        assertTrue(HandshakeDriver.run(bcClient, sunServer).finished());
        assertEquals("TLSv1.3", bcClient.getSession().getProtocol());
        byte[] ours = provider.exportKeyingMaterial(bcClient, "EXPORTER-OpenVPN-datakeys", null, 256);
        byte[] theirs = (byte[]) sunExporter.invoke(sunServer.getSession(), "EXPORTER-OpenVPN-datakeys", null, 256);
        assertArrayEquals(theirs, ours);
    }

    private static SSLEngine sunServer(TestPki.Issued ca, TestPki.Issued server) throws Exception {
        SSLEngine engine = SunJsseContexts.of(ca, server, "TLSv1.3").createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        return engine;
    }
}
