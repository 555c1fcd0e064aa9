package dev.culvert.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GraphRunnerTest {
    static final DropReason ODD = DropReason.of("test.odd");

    final PacketPool pool = new PacketPool("t", 512);

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding(), "every packet returned to the pool");
    }

    /** A node defined by a per-packet lambda, with the given ports. */
    static Node node(List<String> ports, BiConsumer<Packet, Emitter> each) {
        return new Node() {
            @Override
            public List<String> ports() {
                return ports;
            }

            @Override
            public void process(PacketBatch batch, Emitter out) {
                for (int i = 0; i < batch.size(); i++) {
                    each.accept(batch.get(i), out);
                }
            }
        };
    }

    PacketBatch batchOf(int... firstBytes) {
        PacketBatch batch = new PacketBatch();
        for (int b : firstBytes) {
            Packet p = pool.acquire();
            p.setContents(new byte[] {(byte) b, 0, 0, 0}, 0, 4);
            batch.add(p);
        }
        return batch;
    }

    @Test
    void packetsFollowTheirPortsInOrderAndCountersAddUp() {
        FirstByteSink evens = new FirstByteSink();
        FirstByteSink odds = new FirstByteSink();
        Graph graph = Graph.builder()
                .node("split", node(List.of("even", "odd"), (p, out) -> out.forward(p, p.getUnsignedByte(0) % 2)))
                .node("evens", evens)
                .node("odds", odds)
                .wire("split", "even", "evens")
                .wire("split", "odd", "odds")
                .build();
        new GraphRunner(graph).run("split", batchOf(1, 2, 3, 4, 6));
        assertEquals(List.of(2, 4, 6), evens.seen);
        assertEquals(List.of(1, 3), odds.seen);
        NodeCounters split = graph.counters("split");
        assertEquals(5, split.packetsIn());
        assertEquals(20, split.bytesIn());
        assertEquals(3, split.packetsOut("even"));
        assertEquals(2, split.packetsOut("odd"));
    }

    @Test
    void dropsAreCountedPerNodeAndReasonAndReleaseThePacket() {
        FirstByteSink sink = new FirstByteSink();
        Graph graph = Graph.builder()
                .node("filter", node(List.of("next"), (p, out) -> {
                    if (p.getUnsignedByte(0) % 2 == 1) {
                        out.drop(p, ODD);
                    } else {
                        out.forward(p);
                    }
                }))
                .node("sink", sink)
                .wire("filter", "sink")
                .build();
        new GraphRunner(graph).run("filter", batchOf(1, 2, 3));
        assertEquals(2, graph.counters("filter").drops(ODD));
        assertEquals(List.of(2), sink.seen);
        assertTrue(graph.counters("filter").describe().contains("test.odd=2"));
    }

    @Test
    void aPacketANodeForgetsIsDroppedAsUnhandledNotLeaked() {
        FirstByteSink sink = new FirstByteSink();
        Graph graph = Graph.builder()
                .node("forgetful", node(List.of("next"), (p, out) -> {
                    if (p.getUnsignedByte(0) != 7) {
                        out.forward(p);
                    }
                }))
                .node("sink", sink)
                .wire("forgetful", "sink")
                .build();
        new GraphRunner(graph).run("forgetful", batchOf(7, 8));
        assertEquals(1, graph.counters("forgetful").drops(DropReason.UNHANDLED));
        assertEquals(List.of(8), sink.seen);
    }

    @Test
    void aNodeThatThrowsLosesOnlyThePacketItWasHandlingAndTheRestGoOn() {
        FirstByteSink sink = new FirstByteSink();
        Graph graph = Graph.builder()
                .node("fragile", node(List.of("next"), (p, out) -> {
                    if (p.getUnsignedByte(0) == 9) {
                        throw new IllegalStateException("bug");
                    }
                    out.forward(p);
                }))
                .node("sink", sink)
                .wire("fragile", "sink")
                .build();
        new GraphRunner(graph).run("fragile", batchOf(1, 9, 2, 3));
        assertEquals(List.of(1, 2, 3), sink.seen, "the packets beside the bad one went on, in order");
        assertEquals(1, graph.counters("fragile").drops(DropReason.NODE_FAILED));
        assertEquals(1, graph.failures("fragile"));
    }

    @Test
    void aNodeMayEmitMorePacketsThanItReceived() {
        FirstByteSink sink = new FirstByteSink();
        Graph graph = Graph.builder()
                .node("fanout", node(List.of("next"), (p, out) -> {
                    for (int i = 0; i < 99; i++) {
                        Packet copy = pool.acquire();
                        p.copyTo(copy);
                        out.forward(copy);
                    }
                    out.forward(p);
                }))
                .node("sink", sink)
                .wire("fanout", "sink")
                .build();
        new GraphRunner(graph, 16).run("fanout", batchOf(5, 6));
        assertEquals(200, sink.seen.size());
        assertEquals(100, sink.seen.stream().filter(b -> b == 5).count());
    }

    @Test
    void forwardingToAPortThatDoesNotExistIsACountedDrop() {
        FirstByteSink sink = new FirstByteSink();
        Graph graph = Graph.builder()
                .node("wrong", node(List.of("next"), (p, out) -> out.forward(p, 3)))
                .node("sink", sink)
                .wire("wrong", "sink")
                .build();
        new GraphRunner(graph).run("wrong", batchOf(1));
        assertEquals(1, graph.counters("wrong").drops(DropReason.UNWIRED_PORT));
    }

    @Test
    void anIncompleteOrCyclicWiringIsRefusedWhenBuilt() {
        IllegalStateException unwired = assertThrows(IllegalStateException.class, () -> Graph.builder()
                .node("a", node(List.of("next", "other"), (p, out) -> out.forward(p)))
                .node("sink", new FirstByteSink())
                .wire("a", "sink")
                .build());
        assertTrue(unwired.getMessage().contains("a.other is not wired"), unwired.getMessage());
        IllegalStateException cycle = assertThrows(IllegalStateException.class, () -> Graph.builder()
                .node("a", node(List.of("next"), (p, out) -> out.forward(p)))
                .node("b", node(List.of("next"), (p, out) -> out.forward(p)))
                .wire("a", "b")
                .wire("b", "a")
                .build());
        assertTrue(cycle.getMessage().contains("cycle"), cycle.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Graph.builder()
                .node("a", new FirstByteSink()).node("a", new FirstByteSink()));
    }

    @Test
    void aSinkThatConsumesAndIsThenRefusedCountsADropNotADelivery() {
        DropReason full = DropReason.of("test.full");
        Node refusing = new Node() {
            @Override
            public List<String> ports() {
                return List.of();
            }

            @Override
            public void process(PacketBatch batch, Emitter out) {
                for (int i = 0; i < batch.size(); i++) {
                    Packet p = batch.get(i);
                    out.consume(p);
                    if (p.getUnsignedByte(0) == 1) {
                        out.refused(p, full);
                    } else {
                        p.release();
                    }
                }
            }
        };
        Graph graph = Graph.builder().node("sink", refusing).build();
        new GraphRunner(graph).run("sink", batchOf(1, 2, 1));
        assertEquals(1, graph.counters("sink").delivered());
        assertEquals(2, graph.counters("sink").drops(full));
    }
}
