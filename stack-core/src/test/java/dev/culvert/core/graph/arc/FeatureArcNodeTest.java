package dev.culvert.core.graph.arc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.GraphRunner;
import dev.culvert.core.graph.Node;
import dev.culvert.core.graph.NodeCounters;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.feature.Feature;
import dev.culvert.spi.feature.FeatureArcs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeatureArcNodeTest {
    static final String ARC = FeatureArcs.AFTER_INSIDE_L3;
    static final DropReason PORT_25 = DropReason.of("test.port-25");

    final PacketPool pool = new PacketPool("arc-test", 256);
    final SlotRegistry registry = new SlotRegistry();
    final Slot<Feature> slot = registry.slot(SlotNames.FEATURE, Feature.class);
    final FeatureArcNode arc = new FeatureArcNode(registry, ARC);
    final Collect sink = new Collect();
    final Graph graph = Graph.builder().node("arc", arc).node("sink", sink).wire("arc", "sink").build();
    final GraphRunner runner = new GraphRunner(graph);

    @AfterEach
    void everyPacketIsBackInThePoolAndTheArcLetGoOfTheSlot() {
        graph.close();
        assertEquals(0, slot.listenerCount(), "closing the graph unsubscribes the arc");
        assertEquals(0, pool.outstanding());
    }

    /** A feature at {@code arc} deciding by a function of the packet's first byte. */
    static Feature feature(String name, String arc, Function<Integer, DropReason> verdict) {
        return new Feature() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String arc() {
                return arc;
            }

            @Override
            public DropReason apply(Packet packet) {
                return verdict.apply(packet.getUnsignedByte(0));
            }
        };
    }

    /** A sink keeping each packet's first byte and second byte (the mark features may set). */
    static final class Collect implements Node {
        final List<Integer> first = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<String> ports() {
            return List.of();
        }

        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                Packet p = batch.get(i);
                first.add(p.getUnsignedByte(0));
                out.consume(p);
                p.release();
            }
        }
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

    NodeCounters counters() {
        return graph.counters("arc");
    }

    @Test
    void withNoFeatureBoundEveryPacketGoesOnUntouched() {
        runner.run("arc", batchOf(1, 2, 3));
        assertEquals(List.of(1, 2, 3), sink.first);
        assertEquals(0, counters().dropsTotal());
    }

    @Test
    void featuresRunBestRankedFirstAndOnlyAtTheirOwnArc() {
        List<String> calls = new ArrayList<>();
        slot.bind(feature("low", ARC, b -> { calls.add("low"); return null; }), "low", 1);
        slot.bind(feature("elsewhere", FeatureArcs.AFTER_OPEN, b -> { calls.add("elsewhere"); return null; }), "elsewhere", 50);
        slot.bind(feature("high", ARC, b -> { calls.add("high"); return null; }), "high", 10);
        runner.run("arc", batchOf(7));
        assertEquals(List.of("high", "low"), calls);
        assertEquals(List.of("high", "low"), arc.features());
        assertEquals(List.of(7), sink.first);
    }

    @Test
    void aDroppedPacketIsCountedUnderTheFeaturesReasonAndLaterFeaturesDoNotSeeIt() {
        List<Integer> seenByLater = new ArrayList<>();
        slot.bind(feature("filter", ARC, b -> b == 25 ? PORT_25 : null), "filter", 10);
        slot.bind(feature("later", ARC, b -> { seenByLater.add(b); return null; }), "later", 0);
        runner.run("arc", batchOf(80, 25, 53, 25));
        assertEquals(List.of(80, 53), sink.first);
        assertEquals(List.of(80, 53), seenByLater);
        assertEquals(2, counters().drops(PORT_25));
        assertEquals(2, counters().dropsTotal());
        assertEquals(2, counters().packetsOut());
    }

    @Test
    void aFeatureBoundOrUnboundBetweenBatchesTakesEffectFromTheNextBatch() {
        Feature filter = feature("filter", ARC, b -> b == 25 ? PORT_25 : null);
        runner.run("arc", batchOf(25, 80));
        slot.bind(filter, "filter", 0);
        runner.run("arc", batchOf(25, 80));
        slot.unbind(filter);
        runner.run("arc", batchOf(25, 80));
        assertEquals(List.of(25, 80, 80, 25, 80), sink.first);
        assertEquals(1, counters().drops(PORT_25));
        assertEquals(List.of(), arc.features());
    }

    @Test
    void aFeatureThatThrowsDropsOnlyThePacketItHeldCountedUnderItsFailureReason() {
        slot.bind(feature("brittle", ARC, b -> {
            if (b == 2) {
                throw new IllegalStateException("a bug in a module");
            }
            return null;
        }), "brittle", 0);
        runner.run("arc", batchOf(1, 2, 3, 2));
        assertEquals(List.of(1, 3), sink.first);
        assertEquals(2, counters().drops(DropReason.of("feature.brittle.failed")));
        assertEquals(0, counters().drops(DropReason.NODE_FAILED), "the node itself did not fail");
        assertEquals(0, graph.failures("arc"));
    }

    @Test
    void aBatchMeetsTheSameFeaturesFromItsFirstPacketToItsLastWhileFeaturesComeAndGo() throws Exception {
        // The feature marks what it sees; every batch of 16 must arrive all marked or all unmarked.
        Feature marker = new Feature() {
            @Override
            public String name() {
                return "marker";
            }

            @Override
            public String arc() {
                return ARC;
            }

            @Override
            public DropReason apply(Packet packet) {
                packet.putByte(0, 1);
                return null;
            }
        };
        AtomicBoolean stop = new AtomicBoolean();
        Thread operator = new Thread(() -> {
            while (!stop.get()) {
                slot.bind(marker, "marker", 0);
                slot.unbind(marker);
            }
        });
        operator.start();
        int batches = 2_000;
        try {
            for (int i = 0; i < batches; i++) {
                runner.run("arc", batchOf(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            }
        } finally {
            stop.set(true);
            operator.join();
        }
        assertEquals(batches * 16, sink.first.size(), "nothing dropped, nothing lost");
        for (int b = 0; b < batches; b++) {
            List<Integer> batch = sink.first.subList(b * 16, b * 16 + 16);
            assertTrue(batch.stream().distinct().count() == 1, "batch " + b + " saw two sets of features: " + batch);
        }
    }

    @Test
    void unbindReturnsOnlyAfterTheBatchUsingTheFeatureHasLeft() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean unbindReturned = new AtomicBoolean();
        AtomicBoolean returnedWhileInUse = new AtomicBoolean();
        Feature slow = feature("slow", ARC, b -> {
            inside.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            returnedWhileInUse.set(unbindReturned.get());
            return null;
        });
        slot.bind(slow, "slow", 0);
        Thread worker = new Thread(() -> runner.run("arc", batchOf(9)));
        worker.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        Thread operator = new Thread(() -> {
            slot.unbind(slow);
            unbindReturned.set(true);
        });
        operator.start();
        while (!arc.features().isEmpty()) {
            Thread.onSpinWait(); // the next batch would already run without it
        }
        go.countDown();
        worker.join();
        operator.join();
        assertFalse(returnedWhileInUse.get(), "unbind waited for the batch in flight");
        assertTrue(unbindReturned.get());
        assertEquals(List.of(9), sink.first);
    }
}
