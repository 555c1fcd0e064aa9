package dev.culvert.ssl.bc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.pki.TestPki;
import org.junit.jupiter.api.Test;

/** BouncyCastle's providers cost a node's start nothing until a TLS engine needs them. */
class BcProvidersTest {
    @Test
    void activatingTheComponentMakesNoBouncyCastleProvider() {
        assertFalse(new BcTlsProvider().providersMade());
    }

    @Test
    void theFirstUseMakesThemAndLaterUsesShareThem() {
        BcProviders providers = new BcProviders();
        assertSame(providers.jsse(), providers.jsse());
        assertSame(providers.bc(), providers.bc());
        assertTrue(providers.made());
    }

    @Test
    void theFirstEngineMakesThem() throws Exception {
        TestPki.Issued ca = TestPki.ca("CA");
        TestPki.Issued client = TestPki.leaf(ca, "alice", TestPki.Usage.CLIENT);
        BcTlsProvider provider = new BcTlsProvider();
        assertTrue(provider.newEngine(HandshakeTest.clientSettings(ca, client)).getUseClientMode());
        assertTrue(provider.providersMade());
    }
}
