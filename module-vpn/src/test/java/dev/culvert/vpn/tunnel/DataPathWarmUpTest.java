package dev.culvert.vpn.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.vpn.keys.DataCipher;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DataPathWarmUpTest {
    /** A {@code proto udp} server's socket: the dual-stack wildcard. */
    private static final InetSocketAddress SERVER_SOCKET = new InetSocketAddress("::", 1194);

    @Test
    void aServerRehearsesTheFirstAeadCipherItOffers() {
        assertEquals(Optional.of(DataCipher.CHACHA20_POLY1305),
                DataPathWarmUp.likelyCipher(List.of(DataCipher.AES_256_CBC, DataCipher.CHACHA20_POLY1305, DataCipher.AES_128_GCM)));
        assertEquals(Optional.empty(), DataPathWarmUp.likelyCipher(List.of(DataCipher.AES_128_CBC)));
    }

    @Test
    void theNodesLinksAreWarmedTooAlsoWithACbcCipherWhoseDataPathIsNotRehearsed() {
        AtomicInteger warmed = new AtomicInteger();
        assertEquals(Optional.empty(), DataPathWarmUp.start(links(warmed), GraphRehearsalTest.slots(), GraphRehearsalTest.POLICY, Optional.of(DataCipher.AES_256_CBC),
                new JceAeadProvider(), SERVER_SOCKET));
        assertEquals(1, warmed.get());
    }

    @Test
    void theRehearsalRunsOnAnIdleDaemonThreadThatEndsByItself() throws InterruptedException {
        AtomicInteger warmed = new AtomicInteger();
        Thread warming = DataPathWarmUp.start(links(warmed), GraphRehearsalTest.slots(), GraphRehearsalTest.POLICY, Optional.of(DataCipher.AES_256_GCM), new JceAeadProvider(),
                SERVER_SOCKET).orElseThrow();
        assertTrue(warming.isDaemon(), "a warm-up never keeps a stopping node alive");
        assertEquals("culvert-data-warm-up", warming.getName());
        warming.join(120_000);
        assertFalse(warming.isAlive(), "the rehearsal is bounded by its count of packets");
        assertEquals(1, warmed.get());
    }

    private static LinkFactory links(AtomicInteger warmed) {
        return new LinkFactory() {
            @Override
            public String kind() {
                return "test";
            }

            @Override
            public Link[] open(String name, int mtu, int queues) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void configure(List<String> ipArguments) {
            }

            @Override
            public void warmUp() {
                warmed.incrementAndGet();
            }
        };
    }
}
