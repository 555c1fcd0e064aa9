package dev.culvert.ssl.conscrypt;

import static dev.culvert.ssl.conscrypt.HandshakeTest.DATAKEYS;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exporter checked against an independent implementation, the JDK's own JSSE, which has
 * {@code ExtendedSSLSession.exportKeyingMaterialData} from JDK 25 (skipped on older JDKs): a
 * Conscrypt client and a SunJSSE server export the same bytes on TLS 1.2 (RFC 5705) and TLS 1.3
 * (RFC 8446 §7.5).
 */
class SunJsseInteropTest {
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void conscryptClientAndSunJsseServerExportTheSameKeys(String version) throws Exception {
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
        ConscryptTlsProvider provider = new ConscryptTlsProvider();
        SSLEngine ours = provider.newEngine(HandshakeTest.clientSettings(ca, client, "TLSv1.3"));
        SSLEngine sunServer = sunServer(ca, server, version);

        assertTrue(HandshakeDriver.run(ours, sunServer).finished());
        assertEquals(version, ours.getSession().getProtocol());
        byte[] theirs = (byte[]) sunExporter.invoke(sunServer.getSession(), DATAKEYS, null, 256);
        assertArrayEquals(theirs, provider.exportKeyingMaterial(ours, DATAKEYS, null, 256));
    }

    private static SSLEngine sunServer(TestPki.Issued ca, TestPki.Issued server, String version) throws Exception {
        SSLEngine engine = SunJsseContexts.of(ca, server, "TLS").createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        engine.setEnabledProtocols(new String[] {version});
        return engine;
    }
}
