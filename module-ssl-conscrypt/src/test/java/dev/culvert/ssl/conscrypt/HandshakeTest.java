package dev.culvert.ssl.conscrypt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.testing.netns.Prerequisites;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.testing.tls.HandshakeDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Handshakes between two engines of this provider, in memory, and the exporter on both TLS versions. */
class HandshakeTest {
    static final String DATAKEYS = "EXPORTER-OpenVPN-datakeys";
    private static final TestPki.ServerAndClient PKI = TestPki.ServerAndClient.issue();
    private final ConscryptTlsProvider provider = new ConscryptTlsProvider();

    /** An OpenVPN client: remote-cert-tls server, TLS 1.2 up to {@code maximumVersion}. */
    static TlsSettings clientSettings(TestPki.Issued ca, TestPki.Issued client, String maximumVersion) {
        return new TlsSettings(true, List.of(ca.certificate()), List.of(client.certificate()), client.keys().getPrivate(),
                "TLSv1.2", maximumVersion, false, RequiredPeerUsage.TLS_SERVER);
    }

    /** An OpenVPN server: client certificates required, remote-cert-tls client. */
    static TlsSettings serverSettings(TestPki.Issued ca, TestPki.Issued server, String maximumVersion) {
        return new TlsSettings(false, List.of(ca.certificate()), List.of(server.certificate()), server.keys().getPrivate(),
                "TLSv1.2", maximumVersion, true, RequiredPeerUsage.TLS_CLIENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void mutualAuthenticationOnEitherVersionAndBothSidesExportTheSameKeys(String version) throws Exception {
        SSLEngine c = provider.newEngine(clientSettings(PKI.ca(), PKI.client(), "TLSv1.3"));
        SSLEngine s = provider.newEngine(serverSettings(PKI.ca(), PKI.server(), version));
        HandshakeDriver.Outcome outcome = HandshakeDriver.run(c, s);
        assertNull(outcome.clientError());
        assertNull(outcome.serverError());
        assertTrue(outcome.finished());
        assertEquals(version, c.getSession().getProtocol());
        assertEquals(PKI.client().certificate(), s.getSession().getPeerCertificates()[0]);
        assertEquals(PKI.server().certificate(), c.getSession().getPeerCertificates()[0]);
        assertTrue(provider.canExportKeyingMaterial(c));
        assertTrue(provider.canExportKeyingMaterial(s));
        byte[] clientKeys = provider.exportKeyingMaterial(c, DATAKEYS, null, 256);
        assertEquals(256, clientKeys.length);
        assertArrayEquals(clientKeys, provider.exportKeyingMaterial(s, DATAKEYS, null, 256));
        assertFalse(Arrays.equals(clientKeys, provider.exportKeyingMaterial(c, "EXPORTER-OpenVPN-dynamic-tls-crypt", null, 256)));
    }

    @Test
    void inTls12AnEmptyContextDiffersFromNoContextAsRfc5705Says() throws Exception {
        SSLEngine c = provider.newEngine(clientSettings(PKI.ca(), PKI.client(), "TLSv1.2"));
        assertTrue(HandshakeDriver.run(c, provider.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"))).finished());
        assertEquals("TLSv1.2", c.getSession().getProtocol());
        assertFalse(Arrays.equals(provider.exportKeyingMaterial(c, DATAKEYS, null, 64), provider.exportKeyingMaterial(c, DATAKEYS, new byte[0], 64)));
    }

    @Test
    void exportingBeforeTheHandshakeFinishesFails() throws Exception {
        SSLEngine c = provider.newEngine(clientSettings(PKI.ca(), PKI.client(), "TLSv1.3"));
        assertFalse(provider.canExportKeyingMaterial(c));
        SSLException e = assertThrows(SSLException.class, () -> provider.exportKeyingMaterial(c, DATAKEYS, null, 256));
        assertEquals("keying material can only be exported once the TLS handshake has finished", e.getMessage());
    }

    @Test
    void eachHandshakeExportsDifferentKeys() throws Exception {
        SSLEngine c1 = provider.newEngine(clientSettings(PKI.ca(), PKI.client(), "TLSv1.3"));
        assertTrue(HandshakeDriver.run(c1, provider.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"))).finished());
        SSLEngine c2 = provider.newEngine(clientSettings(PKI.ca(), PKI.client(), "TLSv1.3"));
        assertTrue(HandshakeDriver.run(c2, provider.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.3"))).finished());
        assertFalse(Arrays.equals(provider.exportKeyingMaterial(c1, DATAKEYS, null, 256), provider.exportKeyingMaterial(c2, DATAKEYS, null, 256)));
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

    @Test
    void eachEngineHoldsTheDescriptorsItDeclaresUntilItIsClosed() throws Exception {
        if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
            Prerequisites.missing("Linux's /proc/self/fd, to count the descriptors an engine holds");
        }
        // Engines earlier tests left open give their pipes back when a collection runs their
        // cleaners, perhaps during this test: count the pipes that appear, not the total.
        Set<String> before = pipes();
        List<SSLEngine> engines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            engines.add(provider.newEngine(serverSettings(PKI.ca(), PKI.server(), "TLSv1.3")));
        }
        Set<String> opened = new HashSet<>(pipes());
        opened.removeAll(before);
        assertEquals(20L * provider.descriptorsPerEngine(), opened.size(), "what a server sizes its descriptor limit by");
        for (SSLEngine engine : engines) {
            engine.closeOutbound();
            engine.closeInbound();
        }
        Set<String> stillOpen = new HashSet<>(pipes());
        stillOpen.retainAll(opened);
        assertEquals(Set.of(), stillOpen, "a closed engine gives its descriptors back at once, not when collected");
    }

    /** Each open pipe descriptor as "number pipe:[inode]", so a reused number is a new pipe. */
    private static Set<String> pipes() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            Set<String> pipes = new HashSet<>();
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("pipe:")) {
                        pipes.add(fd.getFileName() + " " + target);
                    }
                } catch (IOException e) {
                    // closed while listed
                }
            });
            return pipes;
        }
    }
}
