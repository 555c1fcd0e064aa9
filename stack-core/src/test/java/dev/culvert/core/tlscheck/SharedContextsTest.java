package dev.culvert.core.tlscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.testing.pki.TestPki;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SharedContextsTest {
    private static TestPki.Issued ca;
    private static TestPki.Issued server;
    private static TestPki.Issued other;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.ca("Shared Contexts CA");
        server = TestPki.leaf(ca, "server", TestPki.Usage.SERVER);
        other = TestPki.leaf(ca, "other", TestPki.Usage.SERVER);
    }

    private static TlsSettings settings(TestPki.Issued identity) {
        return new TlsSettings(false, List.of(ca.certificate()), List.of(identity.certificate()), identity.keys().getPrivate(), "TLSv1.2", true);
    }

    @Test
    void equalSettingsShareOneContextMadeOnce() throws Exception {
        AtomicInteger made = new AtomicInteger();
        SharedContexts<Object> contexts = new SharedContexts<>(s -> {
            made.incrementAndGet();
            return new Object();
        });
        Object first = contexts.forSettings(settings(server));
        assertSame(first, contexts.forSettings(settings(server)), "settings equal in every field, though another object");
        assertEquals(1, made.get());
    }

    @Test
    void anotherKeyOrChainGetsAContextOfItsOwn() throws Exception {
        SharedContexts<Object> contexts = new SharedContexts<>(s -> new Object());
        assertNotSame(contexts.forSettings(settings(server)), contexts.forSettings(settings(other)));
        assertEquals(2, contexts.size());
    }

    @Test
    void aContextThatCannotBeMadeIsNotRemembered() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        SharedContexts<Object> contexts = new SharedContexts<>(s -> {
            if (attempts.incrementAndGet() == 1) {
                throw new GeneralSecurityException("the key does not fit");
            }
            return new Object();
        });
        TlsSettings settings = settings(server);
        assertThrows(GeneralSecurityException.class, () -> contexts.forSettings(settings));
        contexts.forSettings(settings);
        assertEquals(2, attempts.get(), "the next engine tries again");
    }

    @Test
    void aContextGoesOnceNothingHoldsItsSettings() throws Exception {
        SharedContexts<Object> contexts = new SharedContexts<>(s -> new Object());
        contexts.forSettings(settings(server));
        for (int attempt = 0; attempt < 50 && contexts.size() > 0; attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(contexts.size() == 0, "a reload's replaced settings do not keep the old key alive through the cache");
    }
}
