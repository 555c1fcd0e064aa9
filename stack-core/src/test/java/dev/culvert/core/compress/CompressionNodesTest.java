package dev.culvert.core.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.GraphRunner;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.compress.CompressionAlgorithm;
import dev.culvert.spi.compress.CompressionDrops;
import dev.culvert.spi.compress.CompressionFraming;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.compress.FramingFormat;
import dev.culvert.spi.compress.Payloads;
import dev.culvert.spi.compress.RunLengthTestCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompressionNodesTest {
    private final PacketPool pool = new PacketPool("nodes-test", 256);
    private final SlotRegistry registry = new SlotRegistry();
    private final Slot<Compressor> slot = registry.slot(SlotNames.COMPRESS, Compressor.class);
    private final RunLengthTestCodec lz4 = new RunLengthTestCodec("lz4", CompressionAlgorithm.LZ4);
    private final RunLengthTestCodec snappy = new RunLengthTestCodec("snappy", CompressionAlgorithm.SNAPPY);
    private final RunLengthTestCodec none = new RunLengthTestCodec("none", CompressionAlgorithm.NONE);
    private final CompressionFraming framing = new CompressionFraming(FramingFormat.V2);

    /** Records each packet's bytes as they pass, and passes them on. */
    private static final class Tap implements Node {
        final List<byte[]> seen = new ArrayList<>();

        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                seen.add(batch.get(i).toByteArray());
                out.forward(batch.get(i));
            }
        }
    }

    /** The end of the line: records and releases. */
    private static final class Sink implements Node {
        final List<byte[]> received = new ArrayList<>();

        @Override
        public List<String> ports() {
            return List.of();
        }

        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                Packet p = batch.get(i);
                received.add(p.toByteArray());
                out.consume(p);
                p.release();
            }
        }
    }

    private final Tap wire = new Tap();
    private final Sink sink = new Sink();

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding(), "every packet went back to the pool");
        assertEquals(0, pool.badReleases());
    }

    private Graph pipeline(CompressNode compress) {
        return Graph.builder()
                .node("compress", compress)
                .node("wire", wire)
                .node("decompress", new DecompressNode(slot, framing))
                .node("sink", sink)
                .wire("compress", "wire")
                .wire("wire", "decompress")
                .wire("decompress", "sink")
                .build();
    }

    private PacketBatch batchOf(List<byte[]> payloads) {
        PacketBatch batch = new PacketBatch(payloads.size());
        for (byte[] p : payloads) {
            batch.add(Payloads.packet(pool, p));
        }
        return batch;
    }

    private static List<byte[]> mixedPayloads(long seed) {
        List<byte[]> payloads = new ArrayList<>();
        for (int size : Payloads.SIZES) {
            payloads.add(Payloads.compressible(size, seed + size));
            payloads.add(Payloads.random(size, seed + size));
        }
        return payloads;
    }

    private static void assertPayloads(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "packet " + i);
        }
    }

    @Test
    void compressedPacketsComeOutAsTheyWentInAndNothingIsDropped() {
        slot.bind(lz4, "lz4", 20);
        Graph graph = pipeline(new CompressNode(slot, framing));
        List<byte[]> payloads = mixedPayloads(1);
        new GraphRunner(graph).run("compress", batchOf(payloads));
        assertPayloads(payloads, sink.received);
        assertEquals(0, graph.dropsTotal());
        assertEquals(payloads.size(), graph.counters("decompress").packetsOut("next"));
        assertTrue(wire.seen.stream().anyMatch(w -> w.length > 1 && w[0] == 0x50 && w[1] == 0x01), "something was compressed");
    }

    @Test
    void theSenderSwapsCodecsBetweenBatchesAndTheReceiverDecodesThemAll() {
        slot.bind(lz4, "lz4", 20);
        slot.bind(snappy, "snappy", 10);
        slot.bind(none, "none", 0);
        Graph graph = pipeline(new CompressNode(slot, framing));
        GraphRunner runner = new GraphRunner(graph);
        List<byte[]> sent = new ArrayList<>();
        int[] expectedIds = {0x01, 0x03, -1};
        String[] order = {"lz4", "snappy", "none"};
        for (int round = 0; round < order.length; round++) {
            registry.swap(SlotNames.COMPRESS, order[round]);
            wire.seen.clear();
            byte[] payload = Payloads.compressible(1400, round);
            sent.add(payload);
            runner.run("compress", batchOf(List.of(payload)));
            byte[] frame = wire.seen.get(0);
            if (expectedIds[round] < 0) {
                assertArrayEquals(payload, frame, "the stub sends bare payloads");
            } else {
                assertEquals(expectedIds[round], frame[1], "batch " + round + " framed by " + order[round]);
            }
        }
        assertPayloads(sent, sink.received);
        assertEquals(0, graph.dropsTotal());
        for (Binding<Compressor> b : slot.all()) {
            assertEquals(0, b.users(), "every batch left the slot");
        }
    }

    @Test
    void packetsInFlightFromTheOldCodecAreDecodedAfterTheSwap() {
        slot.bind(lz4, "lz4", 20);
        slot.bind(snappy, "snappy", 10);
        Graph graph = pipeline(new CompressNode(slot, framing));
        GraphRunner runner = new GraphRunner(graph);
        byte[] payload = Payloads.compressible(1400, 9);
        runner.run("compress", batchOf(List.of(payload)));
        byte[] lz4Frame = wire.seen.get(0);
        registry.swap(SlotNames.COMPRESS, "snappy");
        runner.run("decompress", batchOf(List.of(lz4Frame)));
        assertPayloads(List.of(payload, payload), sink.received);
        assertEquals(0, graph.dropsTotal());
    }

    @Test
    void theReceiverFollowsBindsAndUnbinds() {
        slot.bind(lz4, "lz4", 20);
        DecompressNode decompress = new DecompressNode(slot, framing);
        assertEquals(List.of("lz4"), decompress.decompressors().names());
        slot.bind(snappy, "snappy", 10);
        assertEquals(List.of("lz4", "snappy"), decompress.decompressors().names());
        slot.unbind(lz4);
        assertEquals(List.of("snappy"), decompress.decompressors().names());
    }

    @Test
    void aFrameForAnUninstalledCodecIsDroppedAndCounted() {
        slot.bind(snappy, "snappy", 10);
        Graph graph = pipeline(new CompressNode(slot, framing));
        GraphRunner runner = new GraphRunner(graph);
        byte[] payload = Payloads.compressible(1400, 4);
        runner.run("compress", batchOf(List.of(payload)));
        byte[] snappyFrame = wire.seen.get(0);
        slot.unbind(snappy);
        runner.run("decompress", batchOf(List.of(snappyFrame)));
        assertEquals(1, graph.counters("decompress").drops(CompressionDrops.NO_CODEC));
        assertEquals(1, sink.received.size(), "only the first, decoded while snappy was installed");
    }

    @Test
    void hostileFramesAreDroppedWithTheirReasonAndTheRestOfTheBatchGoesOn() {
        slot.bind(lz4, "lz4", 20);
        Graph graph = pipeline(new CompressNode(slot, framing));
        List<byte[]> frames = List.of(
                new byte[] {0x50},
                new byte[] {0x50, 0x09, 1, 2},
                new byte[] {0x50, 0x02, 1, 2},
                new byte[] {0x50, 0x03, 2, 'a'},
                new byte[] {0x50, 0x01, 3},
                new byte[] {0x45, 1, 2, 3});
        new GraphRunner(graph).run("decompress", batchOf(frames));
        var counters = graph.counters("decompress");
        assertEquals(1, counters.drops(CompressionDrops.TRUNCATED));
        assertEquals(1, counters.drops(CompressionDrops.UNKNOWN_ALGORITHM));
        assertEquals(1, counters.drops(CompressionDrops.LZO_UNSUPPORTED));
        assertEquals(1, counters.drops(CompressionDrops.NO_CODEC));
        assertEquals(1, counters.drops(CompressionDrops.MALFORMED));
        assertEquals(5, counters.dropsTotal());
        assertPayloads(List.of(new byte[] {0x45, 1, 2, 3}), sink.received);
    }

    @Test
    void withOutgoingCompressionOffPacketsAreFramedButNotCompressed() {
        slot.bind(lz4, "lz4", 20);
        Graph graph = pipeline(new CompressNode(slot, new CompressionFraming(FramingFormat.V2), false));
        byte[] payload = Payloads.compressible(1400, 6);
        new GraphRunner(graph).run("compress", batchOf(List.of(payload, new byte[] {0x50, 7})));
        assertArrayEquals(payload, wire.seen.get(0));
        assertArrayEquals(new byte[] {0x50, 0x00, 0x50, 7}, wire.seen.get(1));
        assertPayloads(List.of(payload, new byte[] {0x50, 7}), sink.received);
        assertEquals(0, slot.all().get(0).users());
    }

    @Test
    void anEmptySlotFramesUncompressed() {
        Graph graph = pipeline(new CompressNode(slot, framing));
        byte[] payload = Payloads.compressible(1400, 8);
        new GraphRunner(graph).run("compress", batchOf(List.of(payload)));
        assertArrayEquals(payload, wire.seen.get(0));
        assertPayloads(List.of(payload), sink.received);
    }

    @Test
    void aPacketWithoutRoomIsDroppedAndTheBatchGoesOn() {
        PacketPool tight = new PacketPool("tight", 4, 256, 0);
        slot.bind(lz4, "lz4", 20);
        CompressionFraming v1 = new CompressionFraming(FramingFormat.V1_SWAP);
        Graph graph = Graph.builder()
                .node("compress", new CompressNode(slot, v1))
                .node("sink", sink)
                .wire("compress", "sink")
                .build();
        PacketBatch batch = new PacketBatch(2);
        Packet full = tight.acquire();
        full.setContents(Payloads.random(256, 1), 0, 256);
        Packet small = tight.acquire();
        small.setContents(new byte[] {1, 2, 3}, 0, 3);
        batch.add(full);
        batch.add(small);
        new GraphRunner(graph).run("compress", batch);
        assertEquals(1, graph.counters("compress").drops(CompressionDrops.NO_ROOM));
        assertPayloads(List.of(new byte[] {(byte) 0xFB, 2, 3, 1}), sink.received);
        assertEquals(0, tight.outstanding());
    }
}
