package dev.culvert.vpn.data;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.Key2Splitter;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.replay.ReplayWindow;
import java.lang.management.ManagementFactory;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

/**
 * The data channel's own code allocates nothing per packet: with a provider that allocates
 * nothing either, thousands of seal/open round trips allocate (almost) no bytes on this thread.
 * A per-packet allocation anywhere on the path would cost at least 16 bytes a packet.
 */
class DataChannelAllocationTest {
    static final int PACKETS = 5_000;
    /**
     * Round trips before counting: enough for the optimising compiler to have compiled the path for
     * this provider, also after earlier tests in this JVM compiled it for another (a deoptimised
     * method runs in the interpreter, which scalar-replaces nothing).
     */
    static final int WARM_UP = 30_000;

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
        AeadProvider provider = XorAead.provider();
        DataChannel client = new DataChannel();
        DataChannel server = new DataChannel();
        client.install(new KeyContext(0, Key2Splitter.split(key2, DataCipher.of(AeadAlgorithm.AES_128_GCM), Role.CLIENT), new ReplayWindow(), provider));
        server.install(new KeyContext(0, Key2Splitter.split(key2, DataCipher.of(AeadAlgorithm.AES_128_GCM), Role.SERVER), new ReplayWindow(), provider));
        client.makePrimary(0);
        client.sendPeerId(5);
        server.expectPeerId(5);
        PacketPool pool = new PacketPool("alloc", 2);
        Packet p = pool.acquire();

        roundTrips(client, server, p, 0, WARM_UP);
        long tid = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(tid);
        roundTrips(client, server, p, WARM_UP, PACKETS);
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

}
