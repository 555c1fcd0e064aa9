package dev.culvert.testing.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsAlgorithms;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.testing.pki.TestPki;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every TLS module must do with the configured cipher suites and groups ({@code tls-cipher},
 * {@code tls-groups}): its engines offer those and no others. A module's test extends this with
 * its own provider, so both modules are held to one specification.
 */
public abstract class AlgorithmChoiceContract {
    private static final String ECDSA_AES128 = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String ECDSA_CHACHA = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
    private static TestPki.Issued ca;
    private static TestPki.Issued server;
    private static TestPki.Issued client;
    /**
     * RSA leaves, so that the groups decide the key exchange alone. The CA's key is P-256 and
     * bctls also refuses ECDSA signatures on a curve its group list lacks, so the lists that must
     * work name secp256r1 (with bc, tls-groups must name the curves of an EC PKI; OpenSSL does not ask that).
     */
    private static TestPki.Issued rsaServer;
    private static TestPki.Issued rsaClient;
    private final TlsProvider provider = provider();

    /** The module's provider under test. */
    protected abstract TlsProvider provider();

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.ca("Culvert Test CA");
        server = TestPki.leaf(ca, "vpn.example", TestPki.Usage.SERVER);
        client = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        Instant now = Instant.now();
        rsaServer = TestPki.leaf(ca, "vpn.example", TestPki.Usage.SERVER, TestPki.rsaKeys(), now.minusSeconds(86400),
                now.plusSeconds(86400), true);
        rsaClient = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT, TestPki.rsaKeys(), now.minusSeconds(86400),
                now.plusSeconds(86400), true);
    }

    private static TlsSettings settings(boolean isClient, String max, TlsAlgorithms algorithms) {
        return settings(isClient ? client : server, isClient, max, algorithms);
    }

    private static TlsSettings rsa(boolean isClient, TlsAlgorithms algorithms) {
        return settings(isClient ? rsaClient : rsaServer, isClient, "TLSv1.3", algorithms);
    }

    private static TlsSettings settings(TestPki.Issued own, boolean isClient, String max, TlsAlgorithms algorithms) {
        return new TlsSettings(isClient, List.of(ca.certificate()), List.of(own.certificate()), own.keys().getPrivate(),
                "TLSv1.2", max, !isClient, RequiredPeerUsage.ANY, algorithms);
    }

    private static TlsAlgorithms suites(String... tls12) {
        return new TlsAlgorithms(List.of(tls12), List.of(), List.of());
    }

    private static TlsAlgorithms groups(String... groups) {
        return new TlsAlgorithms(List.of(), List.of(), List.of(groups));
    }

    @Test
    public void tls12NegotiatesTheOneSuiteTheServerAllows() throws Exception {
        SSLEngine c = provider.newEngine(settings(true, "TLSv1.2", TlsAlgorithms.MODULE_DEFAULTS));
        SSLEngine s = provider.newEngine(settings(false, "TLSv1.2", suites(ECDSA_CHACHA)));
        assertTrue(HandshakeDriver.run(c, s).finished());
        assertEquals(ECDSA_CHACHA, c.getSession().getCipherSuite());
    }

    @Test
    public void tls12SuitesLeaveTls13OnWithTheModulesOwnSuites() throws Exception {
        SSLEngine c = provider.newEngine(settings(true, "TLSv1.3", suites(ECDSA_AES128)));
        SSLEngine s = provider.newEngine(settings(false, "TLSv1.3", suites(ECDSA_CHACHA)));
        assertTrue(HandshakeDriver.run(c, s).finished());
        assertEquals("TLSv1.3", c.getSession().getProtocol());
    }

    @Test
    public void tls12PeersWithoutACommonSuiteFail() throws Exception {
        SSLEngine c = provider.newEngine(settings(true, "TLSv1.2", suites(ECDSA_AES128)));
        SSLEngine s = provider.newEngine(settings(false, "TLSv1.2", suites(ECDSA_CHACHA)));
        HandshakeDriver.Outcome outcome = HandshakeDriver.run(c, s);
        assertFalse(outcome.finished());
    }

    @Test
    public void peersWithoutACommonGroupFailAndWithOneSucceed() throws Exception {
        HandshakeDriver.Outcome apart = HandshakeDriver.run(provider.newEngine(rsa(true, groups("x25519"))),
                provider.newEngine(rsa(false, groups("secp384r1"))));
        assertFalse(apart.finished());
        HandshakeDriver.Outcome together = HandshakeDriver.run(provider.newEngine(rsa(true, groups("x25519", "secp384r1", "secp256r1"))),
                provider.newEngine(rsa(false, groups("secp384r1", "secp256r1"))));
        assertNull(together.clientError(), () -> String.valueOf(together.clientError()));
        assertNull(together.serverError(), () -> String.valueOf(together.serverError()));
        assertTrue(together.finished());
    }

    @Test
    public void theProviderListsTheNamesAConfigurationIsCheckedAgainst() {
        assertTrue(provider.supportedCipherSuites().containsAll(List.of(ECDSA_AES128, ECDSA_CHACHA, "TLS_AES_256_GCM_SHA384")),
                provider.supportedCipherSuites().toString());
        assertTrue(provider.supportedNamedGroups().containsAll(List.of("x25519", "secp256r1", "secp384r1")));
    }
}
