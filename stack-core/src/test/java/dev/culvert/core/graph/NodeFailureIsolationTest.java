package dev.culvert.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node that throws while handling one packet of a batch costs that packet only: the packets of
 * other clients in the same batch go on, in order, and each throw is counted and shown.
 */
class NodeFailureIsolationTest {
    private final PacketPool pool = new PacketPool("isolation", 256);

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding(), "every packet returned to the pool");
    }

    /** Throws on packets whose first byte is in {@code bad}; forwards the others. Counts what it was shown. */
    private static final class Fragile implements Node {
        private final Set<Integer> bad;
        final List<Integer> handled = new ArrayList<>();

        Fragile(Set<Integer> bad) {
            this.bad = bad;
        }

        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                Packet p = batch.get(i);
                handled.add(p.getUnsignedByte(0));
                if (bad.contains(p.getUnsignedByte(0))) {
                    throw new IllegalStateException("bug on packet " + p.getUnsignedByte(0));
                }
                out.forward(p);
            }
        }
    }

    private static Graph graph(Node fragile, FirstByteSink sink) {
        return Graph.builder().node("fragile", fragile).node("sink", sink).wire("fragile", "sink").build();
    }

    private PacketBatch batchOf(int count) {
        PacketBatch batch = new PacketBatch(count);
        for (int b = 0; b < count; b++) {
            Packet p = pool.acquire();
            p.setContents(new byte[] {(byte) b, 1, 2, 3}, 0, 4);
            batch.add(p);
        }
        return batch;
    }

    @Test
    void twoBadPacketsInAFullBatchCostTwoPacketsAndTheOtherSixtyTwoArriveInOrder() {
        Fragile fragile = new Fragile(Set.of(17, 40));
        FirstByteSink sink = new FirstByteSink();
        Graph graph = graph(fragile, sink);

        new GraphRunner(graph).run("fragile", batchOf(64));

        List<Integer> expected = IntStream.range(0, 64).filter(b -> b != 17 && b != 40).boxed().toList();
        assertEquals(expected, sink.seen);
        assertEquals(2, graph.counters("fragile").drops(DropReason.NODE_FAILED));
        assertEquals(2, graph.failures("fragile"));
        assertEquals(0, graph.counters("fragile").drops(DropReason.UNHANDLED));
        assertEquals(64, fragile.handled.size(), "no packet was handled twice");
        assertEquals(64, graph.counters("fragile").packetsIn(), "a run again is not counted as more input");
    }

    @Test
    void aBadFirstAndLastPacketCostThemselvesOnly() {
        Fragile fragile = new Fragile(Set.of(0, 7));
        FirstByteSink sink = new FirstByteSink();
        Graph graph = graph(fragile, sink);

        new GraphRunner(graph).run("fragile", batchOf(8));

        assertEquals(List.of(1, 2, 3, 4, 5, 6), sink.seen);
        assertEquals(2, graph.counters("fragile").drops(DropReason.NODE_FAILED));
    }

    @Test
    void aNodeThatAlwaysThrowsDropsEachPacketOnceAndCountsEachThrow() {
        FirstByteSink sink = new FirstByteSink();
        Graph graph = graph((batch, out) -> {
            throw new IllegalStateException("broken whatever the packet");
        }, sink);

        new GraphRunner(graph).run("fragile", batchOf(10));

        assertEquals(List.of(), sink.seen);
        assertEquals(10, graph.counters("fragile").drops(DropReason.NODE_FAILED));
        assertEquals(10, graph.failures("fragile"));
    }

    @Test
    void aNodeThatThrowsAfterHandingEverythingOnLosesNothing() {
        FirstByteSink sink = new FirstByteSink();
        Graph graph = graph((batch, out) -> {
            for (int i = 0; i < batch.size(); i++) {
                out.forward(batch.get(i));
            }
            throw new IllegalStateException("bug after the loop");
        }, sink);

        new GraphRunner(graph).run("fragile", batchOf(5));

        assertEquals(List.of(0, 1, 2, 3, 4), sink.seen);
        assertEquals(0, graph.counters("fragile").dropsTotal());
        assertEquals(1, graph.failures("fragile"));
    }

    @Test
    void theStatusLineShowsHowOftenTheNodeThrew() {
        Graph graph = graph(new Fragile(Set.of(3)), new FirstByteSink());
        assertTrue(!graph.counters("fragile").describe().contains("threw="), "nothing to show before a throw");

        new GraphRunner(graph).run("fragile", batchOf(6));

        String line = graph.counters("fragile").describe();
        assertTrue(line.contains("threw=1"), line);
        assertTrue(line.contains("graph.node-failed=1"), line);
    }
}
