package dev.culvert.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.compress.CompressionFraming;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.compress.Decompressors;
import dev.culvert.spi.compress.FramingFormat;
import dev.culvert.spi.compress.FramingScratch;
import dev.culvert.spi.compress.Payloads;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The data path allocates nothing per packet: framing and unframing with each codec, counted
 * with the JVM's per-thread allocation counter (a count of bytes, not a timing).
 */
class PerPacketAllocationTest {
    private static final int PACKETS = 20_000;

    @Test
    void framingAndUnframingAllocateNothingPerPacket() {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "needs HotSpot's per-thread allocation counter");
        var counter = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled());

        List<Compressor> codecs = List.of(new Lz4Compressor(), new SnappyCompressor(), new NoCompressor());
        Decompressors all = Decompressors.of(codecs);
        PacketPool pool = new PacketPool("alloc-test", 2);
        Packet packet = pool.acquire();
        ByteBuffer scratch = FramingScratch.allocate();
        byte[][] payloads = {Payloads.compressible(1400, 1), Payloads.random(1400, 2)};
        long thread = Thread.currentThread().threadId();
        for (FramingFormat format : List.of(FramingFormat.V2, FramingFormat.V1_SWAP)) {
            CompressionFraming framing = new CompressionFraming(format);
            for (Compressor codec : codecs) {
                for (byte[] payload : payloads) {
                    roundTrips(framing, codec, all, packet, pool, scratch, payload, 20_000); // warm up, the assertions' call sites too, until compiled
                    long before = counter.getThreadAllocatedBytes(thread);
                    roundTrips(framing, codec, all, packet, pool, scratch, payload, PACKETS);
                    long allocated = counter.getThreadAllocatedBytes(thread) - before;
                    assertTrue(allocated < PACKETS / 4, format + " " + codec + ": " + allocated + " bytes for " + PACKETS + " packets");
                }
            }
        }
        packet.release();
        assertEquals(0, pool.outstanding());
    }

    private static void roundTrips(CompressionFraming framing, Compressor codec, Decompressors all, Packet packet, PacketPool pool,
            ByteBuffer scratch, byte[] payload, int count) {
        for (int i = 0; i < count; i++) {
            packet.setWindow(pool.headroom(), 0);
            packet.setContents(payload, 0, payload.length);
            // Constant messages: the passing path must not allocate either.
            assertNull(framing.frame(packet, codec, scratch), "frame refused a packet");
            assertNull(framing.unframe(packet, all, scratch), "unframe refused what frame wrote");
        }
    }
}
