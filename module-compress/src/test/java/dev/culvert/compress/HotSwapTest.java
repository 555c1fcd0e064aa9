package dev.culvert.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.compress.CompressNode;
import dev.culvert.core.compress.DecompressNode;
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
import dev.culvert.spi.compress.CompressionFraming;
import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.compress.FramingFormat;
import dev.culvert.spi.compress.Payloads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The module's reason to exist: the sender swaps codecs under traffic and the receiver, holding
 * every installed codec, loses nothing. The codecs come in through ServiceLoader with the
 * rankings their components declare, as an embedded stack would load them.
 */
class HotSwapTest {
    private static final Map<String, Integer> RANKINGS = Map.of("lz4", 20, "snappy", 10, "none", 0, "lzo", -10);

    private final PacketPool pool = new PacketPool("swap-test", 512);
    private final SlotRegistry registry = new SlotRegistry();
    private final Slot<Compressor> slot = registry.slot(SlotNames.COMPRESS, Compressor.class);
    /** The loaded codecs by name, each counting the packets it compressed. */
    private final Map<String, CountingCompressor> codecs = new HashMap<>();

    /** Remembers the first bytes of each frame (the algorithm marker) and passes it on. */
    private static final class WireTap implements Node {
        final List<byte[]> frames = new ArrayList<>();

        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                frames.add(batch.get(i).toByteArray());
                out.forward(batch.get(i));
            }
        }
    }

    /** Collects payloads, or hands each to a check, and releases the packets. */
    private static final class Sink implements Node {
        final ConcurrentLinkedQueue<byte[]> received = new ConcurrentLinkedQueue<>();
        private final Consumer<byte[]> onPayload;

        Sink() {
            onPayload = received::add;
        }

        Sink(Consumer<byte[]> onPayload) {
            this.onPayload = onPayload;
        }

        @Override
        public List<String> ports() {
            return List.of();
        }

        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                Packet p = batch.get(i);
                onPayload.accept(p.toByteArray());
                out.consume(p);
                p.release();
            }
        }
    }

    /**
     * Checks each payload against the sender's cycle of {@code expected} as it arrives, and keeps
     * only counts: a test that sends until the swaps have landed may send many batches.
     */
    private static final class PayloadCheck implements Consumer<byte[]> {
        private final List<byte[]> expected;
        long received;
        long wrong;

        PayloadCheck(List<byte[]> expected) {
            this.expected = expected;
        }

        @Override
        public void accept(byte[] payload) {
            if (!Arrays.equals(expected.get((int) (received++ % expected.size())), payload)) {
                wrong++;
            }
        }
    }

    @BeforeEach
    void installTheModule() {
        for (Compressor loaded : ServiceLoader.load(Compressor.class)) {
            CountingCompressor codec = new CountingCompressor(loaded);
            codecs.put(codec.name(), codec);
            slot.bind(codec, codec.name(), RANKINGS.get(codec.name()));
        }
        assertEquals("lz4", slot.activeBinding().orElseThrow().name(), "lz4 outranks the others");
    }

    /**
     * Swaps the codec round the names until told to stop, keeping its failures and its count. It
     * swaps at any moment of a batch, but waits before each next swap until a whole batch has run
     * since the last one ({@code progress}, the batches completed, has moved by more than the
     * {@code inFlight} batches that can run at once): so every codec carries traffic however the
     * scheduler runs the threads, which a free-running operator does not promise. Where the test
     * says when a batch is running ({@code batchRunning}), the swap waits for one, so that swaps
     * land under batches on a busy machine too, not only between them.
     */
    private final class Operator extends Thread {
        final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        private final CountDownLatch firstSwap = new CountDownLatch(1);
        private final AtomicBoolean running;
        private final String[] names;
        private final LongSupplier progress;
        private final int inFlight;
        private final BooleanSupplier batchRunning;
        volatile long swaps;

        Operator(AtomicBoolean running, LongSupplier progress, int inFlight, String... names) {
            this(running, progress, () -> true, inFlight, names);
        }

        Operator(AtomicBoolean running, LongSupplier progress, BooleanSupplier batchRunning, int inFlight, String... names) {
            super("operator");
            this.running = running;
            this.progress = progress;
            this.batchRunning = batchRunning;
            this.inFlight = inFlight;
            this.names = names;
            setUncaughtExceptionHandler((t, e) -> {
                errors.add(e);
                firstSwap.countDown();
            });
        }

        @Override
        public void run() {
            for (int i = 0; running.get(); i++) {
                registry.swap(SlotNames.COMPRESS, names[i % names.length]);
                swaps++;
                firstSwap.countDown();
                long swappedAt = progress.getAsLong();
                while (running.get() && (progress.getAsLong() <= swappedAt + inFlight || !batchRunning.getAsBoolean())) {
                    Thread.yield();
                }
            }
        }

        void startAndAwaitFirstSwap() throws InterruptedException {
            start();
            firstSwap.await();
            assertAlive();
        }

        void assertAlive() {
            assertTrue(errors.isEmpty(), () -> "the operator failed: " + errors);
        }
    }

    /**
     * Each compressing codec the operator swaps to compressed packets of the traffic: the swaps
     * took effect under it, not merely counted ("none" sends every packet as it is).
     */
    private void assertEveryCompressingCodecCarriedTraffic() {
        for (String name : COMPRESSING) {
            assertTrue(codecs.get(name).compressed() > 0, name + " compressed no packet of the traffic");
        }
    }

    /**
     * Whether the traffic may stop: a codec can be active for only a moment between two swaps, so
     * the tests send until each one has carried packets (bounded by {@link #MAX_BATCHES}) rather
     * than for a count that a scheduler may never give it a share of.
     */
    private boolean everyCompressingCodecCarriedTraffic() {
        return COMPRESSING.stream().allMatch(name -> codecs.get(name).compressed() > 0);
    }

    private static final List<String> COMPRESSING = List.of("lz4", "snappy");

    /**
     * Where a test stops sending even if a codec never got its turn, and then fails on that. A
     * batch takes some 20 µs, and an operator that shares a CPU with the sender on a busy machine
     * swaps about once per time slice: 5,000 batches (0.1 s) were once too few for 20 swaps.
     * The test that may send this many checks its packets as they arrive ({@link PayloadCheck}).
     */
    private static final int MAX_BATCHES = 100_000;

    /** {@link #MAX_BATCHES} for a test whose sink keeps every packet (some 25 KiB a batch). */
    private static final int MAX_BATCHES_KEPT = 5_000;

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding(), "every packet went back to the pool");
        assertEquals(0, pool.badReleases());
        for (Binding<Compressor> b : slot.all()) {
            assertEquals(0, b.users(), "every batch left the slot");
        }
    }

    private PacketBatch batch(List<byte[]> payloads) {
        PacketBatch batch = new PacketBatch(PacketBatch.DEFAULT_CAPACITY);
        try {
            for (byte[] p : payloads) {
                batch.add(Payloads.packet(pool, p));
            }
        } catch (RuntimeException e) {
            batch.releaseAll();
            throw e;
        }
        return batch;
    }

    private static List<byte[]> traffic(long seed) {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int size = i % 3 == 0 ? 1400 : i * 40;
            payloads.add(i % 2 == 0 ? Payloads.compressible(size, seed + i) : Payloads.random(size, seed + i));
        }
        return payloads;
    }

    @ParameterizedTest
    @EnumSource(value = FramingFormat.class, names = {"V1_SWAP", "V2"})
    void lz4ThenSnappyThenNoneAllArriveIntact(FramingFormat format) {
        CompressionFraming framing = new CompressionFraming(format);
        WireTap tap = new WireTap();
        Sink sink = new Sink();
        Graph graph = Graph.builder()
                .node("compress", new CompressNode(slot, framing))
                .node("wire", tap)
                .node("decompress", new DecompressNode(slot, framing))
                .node("sink", sink)
                .wire("compress", "wire").wire("wire", "decompress").wire("decompress", "sink")
                .build();
        GraphRunner runner = new GraphRunner(graph);
        List<byte[]> sent = new ArrayList<>();
        String[] order = {"lz4", "snappy", "none"};
        int[] markers = format == FramingFormat.V2 ? new int[] {0x01, 0x03, -1} : new int[] {0x69, 0x68, 0xFB};
        for (int round = 0; round < order.length; round++) {
            registry.swap(SlotNames.COMPRESS, order[round]);
            tap.frames.clear();
            List<byte[]> payloads = traffic(round * 1000L);
            sent.addAll(payloads);
            runner.run("compress", batch(payloads));
            byte[] firstFrame = tap.frames.get(0); // a compressible 1400-byte payload
            int marker = format == FramingFormat.V2 ? (firstFrame[0] == 0x50 ? firstFrame[1] : -1) : firstFrame[0] & 0xff;
            assertEquals(markers[round], marker, format + " batch " + round + " went out with " + order[round]);
        }
        List<byte[]> received = new ArrayList<>(sink.received);
        assertEquals(sent.size(), received.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), received.get(i), "packet " + i);
        }
        assertEquals(0, graph.dropsTotal(), graph.counters("decompress").describe());
    }

    @ParameterizedTest
    @EnumSource(value = FramingFormat.class, names = {"V1_SWAP", "V2"})
    void framesOfEveryCodecStillInFlightDecodeAfterTheLastSwap(FramingFormat format) {
        CompressionFraming framing = new CompressionFraming(format);
        WireTap tap = new WireTap();
        Sink sender = new Sink();
        Graph send = Graph.builder()
                .node("compress", new CompressNode(slot, framing)).node("wire", tap).node("out", sender)
                .wire("compress", "wire").wire("wire", "out").build();
        GraphRunner sendRunner = new GraphRunner(send);
        List<byte[]> sent = new ArrayList<>();
        for (String codec : List.of("lz4", "snappy", "none")) {
            registry.swap(SlotNames.COMPRESS, codec);
            List<byte[]> payloads = traffic(codec.hashCode());
            sent.addAll(payloads);
            sendRunner.run("compress", batch(payloads));
        }
        Sink sink = new Sink();
        Graph receive = Graph.builder().node("decompress", new DecompressNode(slot, framing)).node("sink", sink)
                .wire("decompress", "sink").build();
        GraphRunner receiveRunner = new GraphRunner(receive);
        for (int from = 0; from < tap.frames.size(); from += PacketBatch.DEFAULT_CAPACITY) {
            receiveRunner.run("decompress", batch(tap.frames.subList(from, Math.min(tap.frames.size(), from + PacketBatch.DEFAULT_CAPACITY))));
        }
        List<byte[]> received = new ArrayList<>(sink.received);
        assertEquals(sent.size(), received.size(), receive.counters("decompress").describe());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), received.get(i), "packet " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FramingFormat.class, names = {"V1_SWAP", "V2"})
    void swapsFromAnotherThreadUnderTrafficLoseNothing(FramingFormat format) throws InterruptedException {
        CompressionFraming framing = new CompressionFraming(format);
        List<byte[]> payloads = traffic(77);
        PayloadCheck check = new PayloadCheck(payloads);
        Sink sink = new Sink(check);
        Graph graph = Graph.builder()
                .node("compress", new CompressNode(slot, framing))
                .node("decompress", new DecompressNode(slot, framing))
                .node("sink", sink)
                .wire("compress", "decompress").wire("decompress", "sink")
                .build();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong completed = new AtomicLong();
        AtomicBoolean inBatch = new AtomicBoolean();
        Operator operator = new Operator(sending, completed::get, inBatch::get, 1, "lz4", "snappy", "none");
        operator.startAndAwaitFirstSwap();
        GraphRunner runner = new GraphRunner(graph);
        int batches = 0;
        int swappedUnderABatch = 0;
        try {
            // At least 300 batches, and as many as it takes for swaps to land under 20 of them and
            // for every codec to have had its turn.
            for (; batches < MAX_BATCHES
                    && (batches < 300 || swappedUnderABatch < 20 || !everyCompressingCodecCarriedTraffic()); batches++) {
                operator.assertAlive();
                long swapsBefore = slot.swaps();
                PacketBatch traffic = batch(payloads);
                inBatch.set(true);
                runner.run("compress", traffic);
                inBatch.set(false);
                completed.incrementAndGet();
                if (slot.swaps() != swapsBefore) {
                    swappedUnderABatch++;
                }
            }
        } finally {
            sending.set(false);
            operator.join();
        }
        assertEquals(List.of(), List.copyOf(operator.errors));
        int sentBatches = batches;
        int underABatch = swappedUnderABatch;
        assertTrue(operator.swaps >= underABatch && underABatch >= 20,
                () -> underABatch + " of " + operator.swaps + " swaps landed under one of the " + sentBatches + " batches");
        assertEquals(0, graph.dropsTotal(), graph.counters("decompress").describe());
        assertEquals((long) batches * payloads.size(), check.received, "every packet arrived");
        assertEquals(0, check.wrong, "packets that arrived other than sent, or out of order");
        assertTrue(slot.swaps() > 1, "the operator swapped");
        assertEveryCompressingCodecCarriedTraffic();
    }

    @ParameterizedTest
    @EnumSource(value = FramingFormat.class, names = {"V1_SWAP", "V2"})
    void severalWorkersShareTheNodesWhileTheOperatorSwaps(FramingFormat format) throws InterruptedException {
        CompressionFraming framing = new CompressionFraming(format);
        Sink sink = new Sink();
        Graph graph = Graph.builder()
                .node("compress", new CompressNode(slot, framing))
                .node("decompress", new DecompressNode(slot, framing))
                .node("sink", sink)
                .wire("compress", "decompress").wire("decompress", "sink")
                .build();
        List<byte[]> payloads = traffic(5);
        Set<Integer> sentHashes = new HashSet<>();
        for (byte[] p : payloads) {
            sentHashes.add(Arrays.hashCode(p));
        }
        AtomicBoolean sending = new AtomicBoolean(true);
        int workers = 4;
        AtomicLong batches = new AtomicLong();
        Operator operator = new Operator(sending, batches::get, workers, "snappy", "none", "lz4");
        AtomicLong swappedUnderABatch = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int w = 0; w < workers; w++) {
            threads.add(new Thread(() -> {
                try {
                    GraphRunner runner = new GraphRunner(graph);
                    // At least 100 batches each, until swaps have landed under 20 batches in all
                    // and every codec has had its turn.
                    for (int b = 0; batches.get() < MAX_BATCHES_KEPT
                            && (b < 100 || swappedUnderABatch.get() < 20 || !everyCompressingCodecCarriedTraffic()); b++) {
                        operator.assertAlive();
                        long swapsBefore = slot.swaps();
                        runner.run("compress", batch(payloads));
                        if (slot.swaps() != swapsBefore) {
                            swappedUnderABatch.incrementAndGet();
                        }
                        batches.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }, "worker-" + w));
        }
        operator.startAndAwaitFirstSwap();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        sending.set(false);
        operator.join();
        assertEquals(List.of(), List.copyOf(failures), () -> graph.counters().stream().map(c -> c.describe()).toList() + " bad releases " + pool.badReleases());
        assertEquals(List.of(), List.copyOf(operator.errors));
        assertTrue(swappedUnderABatch.get() >= 20 && batches.get() >= workers * 100L, swappedUnderABatch + " swaps under " + batches + " batches");
        assertEquals(0, graph.dropsTotal(), graph.counters("decompress").describe());
        assertEquals(batches.get() * payloads.size(), sink.received.size());
        for (byte[] got : sink.received) {
            assertTrue(sentHashes.contains(Arrays.hashCode(got)), "a payload arrived changed");
        }
        assertEveryCompressingCodecCarriedTraffic();
    }
}
