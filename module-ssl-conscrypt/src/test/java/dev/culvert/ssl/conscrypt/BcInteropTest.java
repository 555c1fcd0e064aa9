package dev.culvert.ssl.conscrypt;

import static dev.culvert.ssl.conscrypt.HandshakeTest.DATAKEYS;
import static dev.culvert.ssl.conscrypt.HandshakeTest.clientSettings;
import static dev.culvert.ssl.conscrypt.HandshakeTest.serverSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.testing.tls.HandshakeDriver;
import java.util.ServiceLoader;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conscrypt against the bc TLS provider (module-ssl-bc, test scope only), in both roles: the
 * handshake a node on one backend makes with a peer on the other, and the exporter both sides must
 * agree on for tls-ekm. bc exports from TLS 1.3 only, so TLS 1.2 checks the handshake and that bc
 * says it cannot export while Conscrypt can.
 */
class BcInteropTest {
    private static final TestPki.ServerAndClient PKI = TestPki.ServerAndClient.issue();
    private final ConscryptTlsProvider conscrypt = new ConscryptTlsProvider();
    private final TlsProvider bc = ServiceLoader.load(TlsProvider.class).stream().map(ServiceLoader.Provider::get)
            .filter(p -> p instanceof BcTlsProvider).findFirst().orElseThrow();

    @Test
    void conscryptClientAndBcServerExportTheSameKeysOnTls13() throws Exception {
        SSLEngine c = conscrypt.newEngine(clientSettings(PKI.ca(), PKI.client(), "TLSv1.3"));
        SSLEngine s = bc.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"));
        assertTrue(HandshakeDriver.run(c, s).finished());
        assertEquals("TLSv1.3", c.getSession().getProtocol());
        assertArrayEquals(bc.exportKeyingMaterial(s, DATAKEYS, null, 256), conscrypt.exportKeyingMaterial(c, DATAKEYS, null, 256));
    }

    @Test
    void bcClientAndConscryptServerExportTheSameKeysOnTls13() throws Exception {
        SSLEngine c = bc.newEngine(clientSettings(PKI.ca(), PKI.client(), "TLSv1.3"));
        SSLEngine s = conscrypt.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"));
        assertTrue(HandshakeDriver.run(c, s).finished());
        assertEquals("TLSv1.3", s.getSession().getProtocol());
        assertEquals(PKI.client().certificate(), s.getSession().getPeerCertificates()[0]);
        assertArrayEquals(bc.exportKeyingMaterial(c, DATAKEYS, null, 256), conscrypt.exportKeyingMaterial(s, DATAKEYS, null, 256));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void onTls12TheyHandshakeAndOnlyConscryptCanExport(boolean conscryptIsClient) throws Exception {
        TlsProvider clientSide = conscryptIsClient ? conscrypt : bc;
        TlsProvider serverSide = conscryptIsClient ? bc : conscrypt;
        SSLEngine c = clientSide.newEngine(clientSettings(PKI.ca(), PKI.client(), "TLSv1.3"));
        SSLEngine s = serverSide.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.2"));
        assertTrue(HandshakeDriver.run(c, s).finished());
        assertEquals("TLSv1.2", c.getSession().getProtocol());
        SSLEngine ours = conscryptIsClient ? c : s;
        SSLEngine theirs = conscryptIsClient ? s : c;
        assertTrue(conscrypt.canExportKeyingMaterial(ours));
        assertEquals(256, conscrypt.exportKeyingMaterial(ours, DATAKEYS, null, 256).length);
        assertFalse(bc.canExportKeyingMaterial(theirs));
    }
}
