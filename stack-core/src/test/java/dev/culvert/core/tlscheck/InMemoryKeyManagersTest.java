package dev.culvert.core.tlscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.culvert.testing.pki.TestPki;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;

/**
 * Key managers are made once per chain, key and provider: every engine after the first gets the
 * same ones, without the key store's PBKDF2 rounds; another key, or another provider, gets its own.
 */
class InMemoryKeyManagersTest {
    private final Provider jsse = Security.getProvider("SunJSSE");

    @Test
    void theSameChainAndKeyGetTheKeyManagersMadeTheFirstTime() throws Exception {
        TestPki.Issued server = TestPki.leaf(TestPki.ca("kept-ca"), "kept", TestPki.Usage.SERVER);
        KeyManager[] first = InMemoryKeyManagers.of(List.of(server.certificate()), server.keys().getPrivate(), jsse, "SunX509");
        KeyManager[] again = InMemoryKeyManagers.of(List.of(server.certificate()), server.keys().getPrivate(), jsse, "SunX509");
        assertNotSame(first, again, "each caller gets its own array");
        assertSame(first[0], again[0]);
        X509KeyManager manager = (X509KeyManager) again[0];
        assertEquals(server.keys().getPrivate(), manager.getPrivateKey(manager.getServerAliases("EC", null)[0]));
    }

    @Test
    void anotherKeyGetsKeyManagersOfItsOwn() throws Exception {
        TestPki.Issued ca = TestPki.ca("two-ca");
        TestPki.Issued one = TestPki.leaf(ca, "one", TestPki.Usage.SERVER);
        TestPki.Issued two = TestPki.leaf(ca, "two", TestPki.Usage.SERVER);
        KeyManager[] first = InMemoryKeyManagers.of(List.of(one.certificate()), one.keys().getPrivate(), jsse, "SunX509");
        KeyManager[] second = InMemoryKeyManagers.of(List.of(two.certificate()), two.keys().getPrivate(), jsse, "SunX509");
        assertNotSame(first[0], second[0]);
        X509KeyManager manager = (X509KeyManager) second[0];
        assertEquals(two.keys().getPrivate(), manager.getPrivateKey(manager.getServerAliases("EC", null)[0]));
    }

    @Test
    void anotherAlgorithmOfTheFactoryGetsItsOwn() throws Exception {
        TestPki.Issued server = TestPki.leaf(TestPki.ca("algo-ca"), "algo", TestPki.Usage.SERVER);
        KeyManager[] sunX509 = InMemoryKeyManagers.of(List.of(server.certificate()), server.keys().getPrivate(), jsse, "SunX509");
        KeyManager[] pkix = InMemoryKeyManagers.of(List.of(server.certificate()), server.keys().getPrivate(), jsse, "PKIX");
        assertNotSame(sunX509[0], pkix[0]);
    }

    @Test
    void onlyTheMostRecentChainsAreKept() throws Exception {
        TestPki.Issued ca = TestPki.ca("lru-ca");
        TestPki.Issued oldest = TestPki.leaf(ca, "oldest", TestPki.Usage.SERVER);
        KeyManager[] first = InMemoryKeyManagers.of(List.of(oldest.certificate()), oldest.keys().getPrivate(), jsse, "SunX509");
        for (int i = 0; i < InMemoryKeyManagers.KEPT; i++) {
            TestPki.Issued newer = TestPki.leaf(ca, "newer" + i, TestPki.Usage.SERVER);
            InMemoryKeyManagers.of(List.of(newer.certificate()), newer.keys().getPrivate(), jsse, "SunX509");
        }
        KeyManager[] again = InMemoryKeyManagers.of(List.of(oldest.certificate()), oldest.keys().getPrivate(), jsse, "SunX509");
        assertNotSame(first[0], again[0], "the oldest was dropped, and made again");
    }

    @Test
    void aClientWithoutACertificateHasNoKeyManagers() throws Exception {
        assertEquals(0, InMemoryKeyManagers.of(List.of(), null, jsse, "SunX509").length);
    }
}
