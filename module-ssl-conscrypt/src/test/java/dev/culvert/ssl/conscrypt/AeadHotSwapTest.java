package dev.culvert.ssl.conscrypt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The aead slot swapped under traffic, as an operator does with {@code culvert:swap aead jce} and
 * back: a sender seals a long run of packets, a receiver opens them, each entering the slot once
 * per batch and rebuilding its cipher contexts from the same key bytes whenever the slot's active
 * provider has changed (as module-vpn's {@code KeyContext.rebuild} does: new contexts first, then
 * the old ones closed, packet ids untouched). Meanwhile an operator thread flips the slot between
 * jce and conscrypt many times. Every packet must open, in order, none lost.
 */
class AeadHotSwapTest {
    /** The sender sends at least this many batches, and goes on until the operator has made every flip. */
    private static final int BATCHES = 1_000;
    private static final int FLIPS = 200;
    private static final int BATCH = 32;
    private static final int PAYLOAD = 1_400;
    /** Wire layout of the test packets: [packet id 4][pad 4][tag 16][ciphertext][tailroom 16]. */
    private static final int AAD = 8;
    private static final int TAG_AT = 8;
    private static final int DATA_AT = 24;

    /**
     * One direction of one key: the key bytes, a context built from the provider the slot names, and
     * the provider it came from. Mirrors KeyContext.rebuild, without depending on module-vpn.
     */
    private static final class Direction implements AutoCloseable {
        final AeadAlgorithm algorithm;
        final byte[] key;
        final boolean encrypt;
        AeadCipher cipher;
        AeadProvider builtFrom;
        final Map<String, Long> packetsByProvider = new HashMap<>();
        long rebuilds;

        Direction(AeadAlgorithm algorithm, byte[] key, boolean encrypt) {
            this.algorithm = algorithm;
            this.key = key.clone();
            this.encrypt = encrypt;
        }

        /** Between batches: new contexts from the same key bytes if the provider changed; the old one closed after. */
        void follow(AeadProvider provider) throws GeneralSecurityException {
            if (provider == builtFrom) {
                return;
            }
            AeadCipher fresh = provider.newCipher(algorithm, key, encrypt);
            if (cipher != null) {
                cipher.close();
                rebuilds++;
            }
            cipher = fresh;
            builtFrom = provider;
        }

        void count() {
            packetsByProvider.merge(builtFrom.name(), 1L, Long::sum);
        }

        @Override
        public void close() {
            if (cipher != null) {
                cipher.close();
            }
            Arrays.fill(key, (byte) 0);
        }
    }

    private static void nonce(byte[] nonce, int packetId) {
        nonce[0] = (byte) (packetId >>> 24);
        nonce[1] = (byte) (packetId >>> 16);
        nonce[2] = (byte) (packetId >>> 8);
        nonce[3] = (byte) packetId;
    }

    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
    void everyPacketOpensInOrderWhileTheSlotFlipsBetweenJceAndConscrypt(AeadAlgorithm algorithm) throws Exception {
        SlotRegistry registry = new SlotRegistry();
        Slot<AeadProvider> slot = registry.slot(SlotNames.AEAD, AeadProvider.class);
        slot.bind(new JceAeadProvider(), "jce", AeadProvider.DEFAULT_RANKING);
        ConscryptAeadProvider conscrypt = new ConscryptAeadProvider();
        slot.bind(conscrypt, "conscrypt", conscrypt.ranking());
        assertEquals("jce", slot.activeBinding().orElseThrow().name(), "installed, conscrypt ranks below jce (slower on this JDK)");

        byte[] key = new byte[algorithm.keyLength()];
        new Random(21).nextBytes(key);
        byte[] implicitIv = new byte[8];
        new Random(22).nextBytes(implicitIv);
        BlockingQueue<ByteBuffer> wire = new ArrayBlockingQueue<>(4 * BATCH);
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(8 * BATCH);
        for (int i = 0; i < 8 * BATCH; i++) {
            free.add(ByteBuffer.allocateDirect(DATA_AT + PAYLOAD + AeadAlgorithm.TAG_LENGTH));
        }
        AtomicLong batchesSent = new AtomicLong();
        AtomicBoolean senderDone = new AtomicBoolean();
        AtomicBoolean operatorDone = new AtomicBoolean();
        AtomicLong packetsSent = new AtomicLong();
        long swapsBefore = slot.swaps();

        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (Direction send = new Direction(algorithm, key, true); Direction receive = new Direction(algorithm, key, false)) {
            Future<?> sender = threads.submit(() -> {
                byte[] nonce = new byte[12];
                System.arraycopy(implicitIv, 0, nonce, 4, 8);
                int packetId = 0;
                for (int b = 0; b < BATCHES || !operatorDone.get(); b++) {
                    Binding<AeadProvider> binding = slot.enter();
                    try {
                        send.follow(binding.implementation());
                        for (int i = 0; i < BATCH; i++) {
                            packetId++;
                            ByteBuffer p = free.take();
                            p.putInt(0, packetId);
                            p.putInt(4, 0);
                            for (int at = DATA_AT; at < DATA_AT + PAYLOAD; at += 4) {
                                p.putInt(at, packetId ^ at);
                            }
                            nonce(nonce, packetId);
                            send.cipher.seal(nonce, p, 0, AAD, p, DATA_AT, PAYLOAD, TAG_AT);
                            send.count();
                            wire.put(p);
                            packetsSent.incrementAndGet();
                        }
                    } finally {
                        slot.exit(binding);
                    }
                    batchesSent.incrementAndGet();
                }
                senderDone.set(true);
                return null;
            });
            Future<Long> receiver = threads.submit(() -> {
                byte[] nonce = new byte[12];
                System.arraycopy(implicitIv, 0, nonce, 4, 8);
                long expected = 1;
                while (!(senderDone.get() && expected > packetsSent.get())) {
                    Binding<AeadProvider> binding = slot.enter();
                    try {
                        receive.follow(binding.implementation());
                        for (int i = 0; i < BATCH && !(senderDone.get() && expected > packetsSent.get()); i++) {
                            ByteBuffer p = null;
                            for (int waits = 0; p == null && !(senderDone.get() && expected > packetsSent.get()); waits++) {
                                if (waits == 30_000) {
                                    throw new AssertionError("packet " + expected + " never arrived");
                                }
                                p = wire.poll(1, TimeUnit.MILLISECONDS);
                            }
                            if (p == null) {
                                break; // the sender finished and everything it sent has been read
                            }
                            int packetId = p.getInt(0);
                            if (packetId != expected) {
                                throw new AssertionError("expected packet " + expected + ", got " + packetId);
                            }
                            nonce(nonce, packetId);
                            if (!receive.cipher.open(nonce, p, 0, AAD, p, DATA_AT, PAYLOAD, TAG_AT)) {
                                throw new AssertionError("packet " + packetId + " did not open with " + receive.builtFrom.name()
                                        + " (sealed after " + send.rebuilds + " sender rebuilds)");
                            }
                            for (int at = DATA_AT; at < DATA_AT + PAYLOAD; at += 4) {
                                if (p.getInt(at) != (packetId ^ at)) {
                                    throw new AssertionError("packet " + packetId + " opened to the wrong bytes at " + at);
                                }
                            }
                            receive.count();
                            free.put(p);
                            expected++;
                        }
                    } finally {
                        slot.exit(binding);
                    }
                }
                return expected - 1;
            });
            Future<Integer> operator = threads.submit(() -> {
                String[] names = {"conscrypt", "jce"}; // jce is active at the start: the first flip moves away from it
                // The first flip must meet a sender that has built its context already, or it is no swap for the sender.
                while (batchesSent.get() < 1) {
                    Thread.onSpinWait();
                }
                int flips = 0;
                while (flips < FLIPS) {
                    registry.swap(SlotNames.AEAD, names[flips % 2]);
                    flips++;
                    // Let the sender through two batch boundaries, so every flip meets traffic.
                    long seen = batchesSent.get();
                    while (batchesSent.get() < seen + 2) {
                        Thread.onSpinWait();
                    }
                }
                operatorDone.set(true);
                return flips;
            });

            int flips = operator.get(120, TimeUnit.SECONDS);
            assertNull(sender.get(120, TimeUnit.SECONDS));
            long opened = receiver.get(120, TimeUnit.SECONDS);

            assertTrue(packetsSent.get() >= (long) BATCHES * BATCH);
            assertEquals(packetsSent.get(), opened, "every packet opened, in order, none lost");
            assertEquals(FLIPS, flips);
            assertEquals(flips, slot.swaps() - swapsBefore, "each selection moved the active provider");
            assertEquals(flips, send.rebuilds, "the sender rebuilt its context once per swap, between batches");
            assertTrue(receive.rebuilds > 0, "the receiver followed the swaps too");
            assertTrue(send.packetsByProvider.get("jce") > 0 && send.packetsByProvider.get("conscrypt") > 0, send.packetsByProvider.toString());
            for (Binding<AeadProvider> b : slot.all()) {
                assertEquals(0, b.users(), "every batch left the slot");
            }
            System.out.printf("aead hot swap, %s: %d packets opened, %d swaps, sender rebuilds %d, receiver rebuilds %d, sealed by %s, opened by %s%n",
                    algorithm.openvpnName(), opened, flips, send.rebuilds, receive.rebuilds, send.packetsByProvider, receive.packetsByProvider);
        } finally {
            threads.shutdownNow();
        }
    }
}
