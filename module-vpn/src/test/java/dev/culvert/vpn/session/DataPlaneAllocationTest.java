package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.aead.AeadAlgorithm;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.vpn.data.KeyContext;
import dev.culvert.vpn.data.XorAead;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.Key2Splitter;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.replay.ReplayWindow;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The data side reads the published key set and allocates nothing per packet: with an AEAD that
 * allocates nothing, thousands of seal/open round trips through two {@link DataPlane}s allocate
 * (almost) no bytes on this thread.
 */
class DataPlaneAllocationTest {
    private static final int PACKETS = 5_000;
    /**
     * Round trips before counting: enough for the optimising compiler to have compiled the path for
     * this provider, also after earlier tests in this JVM compiled it for another (a deoptimised
     * method runs in the interpreter, which scalar-replaces nothing).
     */
    static final int WARM_UP = 30_000;

    @Test
    void sealAndOpenThroughThePublishedKeySetAllocateNothingPerPacket() throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        byte[] key2 = new byte[256];
        for (int i = 0; i < key2.length; i++) {
            key2[i] = (byte) (i + 1);
        }
        DropCounts drops = new DropCounts();
        DataPlane client = new DataPlane(drops, 0);
        DataPlane server = new DataPlane(drops, 0);
        client.publish(new DataKeySet(List.of(new KeyContext(0, Key2Splitter.split(key2, DataCipher.of(AeadAlgorithm.AES_128_GCM), Role.CLIENT),
                new ReplayWindow(), XorAead.provider())), 0, 7));
        server.publish(new DataKeySet(List.of(new KeyContext(0, Key2Splitter.split(key2, DataCipher.of(AeadAlgorithm.AES_128_GCM), Role.SERVER),
                new ReplayWindow(), XorAead.provider())), 0, 7));
        PacketPool pool = new PacketPool("alloc", 2);
        Packet p = pool.acquire();
        roundTrips(client, server, p, 0, WARM_UP);
        long tid = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(tid);
        roundTrips(client, server, p, WARM_UP, PACKETS);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        p.release();
        assertTrue(allocated < PACKETS, allocated + " bytes allocated over " + PACKETS + " round trips");
        assertEquals(0, drops.total());
    }

    private static void roundTrips(DataPlane client, DataPlane server, Packet p, int from, int count) {
        for (int i = 0; i < count; i++) {
            p.setWindow(PacketPool.DEFAULT_HEADROOM, 100);
            p.putInt(0, 0x45000000 | (from + i));
            long now = (long) (from + i) * 1_000;
            assertNull(client.seal(p, now));
            assertEquals(DataPlane.Opened.TUNNEL, server.open(p, now));
        }
    }

}
