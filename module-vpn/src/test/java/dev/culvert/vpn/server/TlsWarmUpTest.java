package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.testing.pki.TestPki;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** The server rehearses its TLS handshake in memory once it listens, so the first client's runs warm. */
class TlsWarmUpTest {
    private final TestPki.Issued ca;
    private final TestPki.Issued serverCert;

    TlsWarmUpTest() throws Exception {
        ca = TestPki.ca("warm-up CA");
        serverCert = TestPki.leaf(ca, "warm-up server", TestPki.Usage.SERVER);
    }

    @Test
    void everyRehearsalRunsToItsEndWhenTheServerDemandsAClientCertificate() {
        TlsSettings server = new TlsSettings(false, List.of(ca.certificate()), List.of(serverCert.certificate()),
                serverCert.keys().getPrivate(), "TLSv1.2", "TLSv1.3", true, RequiredPeerUsage.TLS_CLIENT);
        assertEquals(TlsWarmUp.ROUNDS, TlsWarmUp.run(new BcTlsProvider(), server));
    }

    @Test
    void aTls12OnlyServerIsRehearsedToo() {
        TlsSettings server = new TlsSettings(false, List.of(ca.certificate()), List.of(serverCert.certificate()),
                serverCert.keys().getPrivate(), "TLSv1.2", "TLSv1.2", true, RequiredPeerUsage.ANY);
        assertEquals(TlsWarmUp.ROUNDS, TlsWarmUp.run(new BcTlsProvider(), server));
    }

    @Test
    void aServerThatChecksNoClientsHasNothingToRehearseWith() {
        Counting tls = new Counting(new BcTlsProvider());
        TlsSettings server = new TlsSettings(false, List.of(), List.of(serverCert.certificate()), serverCert.keys().getPrivate(),
                "TLSv1.2", false);
        assertEquals(0, TlsWarmUp.run(tls, server));
        assertEquals(0, tls.engines.get());
    }

    @Test
    void aProviderThatCannotMakeEnginesLeavesTheServerAsItWas() {
        TlsSettings server = new TlsSettings(false, List.of(ca.certificate()), List.of(serverCert.certificate()),
                serverCert.keys().getPrivate(), "TLSv1.2", true);
        assertEquals(0, TlsWarmUp.run(new EnginelessTls(), server));
    }

    /** A provider that counts the engines it makes. */
    private record Counting(TlsProvider inner, AtomicInteger engines) implements TlsProvider {
        Counting(TlsProvider inner) {
            this(inner, new AtomicInteger());
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public SSLEngine newEngine(TlsSettings settings) throws GeneralSecurityException {
            engines.incrementAndGet();
            return inner.newEngine(settings);
        }

        @Override
        public byte[] exportKeyingMaterial(SSLEngine engine, String label, byte[] context, int length) throws SSLException {
            return inner.exportKeyingMaterial(engine, label, context, length);
        }
    }
}
