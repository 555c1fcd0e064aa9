package dev.culvert.vpn.data;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadCipher;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.Key2Splitter;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.replay.ReplayWindow;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

/**
 * The data channel's own code allocates nothing per packet: with a provider that allocates
 * nothing either, thousands of seal/open round trips allocate (almost) no bytes on this thread.
 * A per-packet allocation anywhere on the path would cost at least 16 bytes a packet.
 */
class DataChannelAllocationTest {
    static final int PACKETS = 5_000;

    @Test
    void sealAndOpenAllocateNothingPerPacket() throws GeneralSecurityException {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        byte[] key2 = new byte[256];
        for (int i = 0; i < key2.length; i++) {
            key2[i] = (byte) (i + 1);
        }
        AeadProvider provider = new XorProvider();
        DataChannel client = new DataChannel();
        DataChannel server = new DataChannel();
        client.install(new KeyContext(0, Key2Splitter.split(key2, DataCipher.of(AeadAlgorithm.AES_128_GCM), Role.CLIENT), new ReplayWindow(), provider));
        server.install(new KeyContext(0, Key2Splitter.split(key2, DataCipher.of(AeadAlgorithm.AES_128_GCM), Role.SERVER), new ReplayWindow(), provider));
        client.makePrimary(0);
        client.sendPeerId(5);
        server.expectPeerId(5);
        PacketPool pool = new PacketPool("alloc", 2);
        Packet p = pool.acquire();

        roundTrips(client, server, p, 0, 1_000);
        long tid = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(tid);
        roundTrips(client, server, p, 1_000, PACKETS);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        p.release();
        assertTrue(allocated < PACKETS, allocated + " bytes allocated over " + PACKETS + " round trips");
    }

    private static void roundTrips(DataChannel client, DataChannel server, Packet p, int from, int count) {
        for (int i = 0; i < count; i++) {
            p.setWindow(PacketPool.DEFAULT_HEADROOM, 100);
            p.putInt(0, from + i);
            assertNull(client.seal(p));
            assertNull(server.open(p, (long) (from + i) * 1_000));
        }
    }

    /** A toy AEAD that allocates nothing: XOR with the key, a sum as the tag. Not cryptography. */
    static final class XorProvider implements AeadProvider {
        @Override
        public String name() {
            return "xor";
        }

        @Override
        public boolean supports(AeadAlgorithm algorithm) {
            return true;
        }

        @Override
        public AeadCipher newCipher(AeadAlgorithm algorithm, byte[] key, boolean encrypt) {
            byte k = key[0];
            return new AeadCipher() {
                @Override
                public AeadAlgorithm algorithm() {
                    return algorithm;
                }

                @Override
                public void seal(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength, ByteBuffer data, int offset, int length, int tagOffset) {
                    byte sum = 0;
                    for (int i = offset; i < offset + length; i++) {
                        sum += data.get(i);
                        data.put(i, (byte) (data.get(i) ^ k));
                    }
                    for (int i = 0; i < 16; i++) {
                        data.put(tagOffset + i, (byte) (sum + nonce[3] + i));
                    }
                }

                @Override
                public boolean open(byte[] nonce, ByteBuffer aad, int aadOffset, int aadLength, ByteBuffer data, int offset, int length, int tagOffset) {
                    byte sum = 0;
                    for (int i = offset; i < offset + length; i++) {
                        data.put(i, (byte) (data.get(i) ^ k));
                        sum += data.get(i);
                    }
                    return data.get(tagOffset) == (byte) (sum + nonce[3]);
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
