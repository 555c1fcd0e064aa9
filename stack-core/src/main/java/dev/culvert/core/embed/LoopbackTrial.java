package dev.culvert.core.embed;

import dev.culvert.core.config.Config;
import dev.culvert.core.graph.NodeCounters;
import dev.culvert.core.link.VirtualLink;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Two stacks joined by a virtual cable, with an application at each end: packets sent by one
 * application cross both stacks and must arrive intact and in order at the other, while the
 * compressor is swapped under traffic. The demo, the shell's {@code culvert:selftest} and the
 * tests run this one procedure, so all of them show the same thing.
 *
 * <p>Packets are valid IPv4/UDP datagrams (header checksum included) between documentation
 * addresses, half of them compressible text and half random bytes, of varying sizes; each
 * carries its sequence number so that loss, duplication and reordering are seen. With
 * {@link TrialTraffic#MIXED} they take turns between UDP and TCP flows to several ports, so
 * that what a feature (a packet filter) drops shows per flow.
 */
public final class LoopbackTrial {
    /** How many packets may be in flight at once: below the cables' capacity, so no queue overflows. */
    static final int WINDOW = 128;
    static final int CABLE_CAPACITY = 512;
    static final long ARRIVAL_TIMEOUT_MS = 5_000;
    static final long POLL_MS = 20;

    /**
     * What a trial saw. {@code lost}, {@code corrupt} and {@code reordered} are zero and
     * {@code drops} (by {@code stack.node:reason}) is empty when nothing was lost. Packets a
     * feature dropped at an arc are counted in {@code drops} and in {@code featureDrops}, not in
     * {@code lost}; {@code flows} has sent and received per flow of the trial's traffic.
     */
    public record Result(long sent, long received, long corrupt, long reordered, long lost, long swaps,
                         long outstandingBuffers, Map<String, Long> drops, String countersA, String countersB,
                         long featureDrops, String flows) {
        public boolean perfect() {
            return sent == received && corrupt == 0 && reordered == 0 && lost == 0 && outstandingBuffers == 0
                    && drops.values().stream().allMatch(v -> v == 0);
        }

        /** Everything arrived intact and in order but what features dropped, and only features dropped anything. */
        public boolean perfectButFeatureDrops() {
            long allDrops = drops.values().stream().mapToLong(Long::longValue).sum();
            return sent == received + featureDrops && allDrops == featureDrops && corrupt == 0 && reordered == 0 && lost == 0
                    && outstandingBuffers == 0;
        }

        public String summary() {
            return "sent=" + sent + " received=" + received + " corrupt=" + corrupt + " reordered=" + reordered
                    + " lost=" + lost + " swaps=" + swaps + " buffers-outstanding=" + outstandingBuffers
                    + " drops=" + (drops.isEmpty() ? "none" : drops) + (flows.isEmpty() ? "" : "\n  flows: " + flows)
                    + (perfect() ? "  => nothing lost" : perfectButFeatureDrops() ? "  => nothing lost but what features dropped"
                    : "  => LOSS");
        }
    }

    private LoopbackTrial() {
    }

    /**
     * Runs {@code packets} packets from stack A to stack B, both sharing {@code registry}. Every
     * {@code swapEvery} packets the compress slot moves to the next name in {@code swapCycle}
     * (empty: no swaps). {@code progress} receives a line now and then.
     */
    public static Result run(SlotRegistry registry, int packets, List<String> swapCycle, int swapEvery,
                             Consumer<String> progress) throws ConfigException, InterruptedException {
        return run(registry, packets, swapCycle, swapEvery, TrialTraffic.UDP, progress);
    }

    /**
     * Runs a trial of {@code traffic}. Interrupting the thread ends it early: it stops sending,
     * waits for what is in flight, reports, and leaves the thread interrupted.
     */
    public static Result run(SlotRegistry registry, int packets, List<String> swapCycle, int swapEvery, TrialTraffic traffic,
                             Consumer<String> progress) throws ConfigException, InterruptedException {
        VirtualLink[] appA = VirtualLink.pair("app-a", 1500, CABLE_CAPACITY);
        VirtualLink[] appB = VirtualLink.pair("app-b", 1500, CABLE_CAPACITY);
        VirtualLink[] wire = VirtualLink.pair("wire", 1600, CABLE_CAPACITY);
        PacketPool appPool = new PacketPool("apps", 1024);
        Optional<String> selectionBefore = registry.find("compress").flatMap(Slot::selected);
        int flows = traffic.flows().size();
        long[] sentByFlow = new long[flows];
        long[] receivedByFlow = new long[flows];
        long target = packets;
        boolean interrupted = false;
        long swaps = 0;
        long sent = 0;
        long received = 0;
        long corrupt = 0;
        long reordered = 0;
        long lost = 0;
        try (Stack a = Culvert.builder().name("a").registry(registry).config(Config.empty()).relay(appA[1], wire[0]).build().start();
             Stack b = Culvert.builder().name("b").registry(registry).config(Config.empty()).relay(appB[1], wire[1]).build().start()) {
            byte[] out = new byte[1500];
            byte[] in = new byte[1500];
            byte[] expectedBytes = new byte[1500];
            long expected = 0;
            int swapIndex = 0;
            long waitingSince = System.nanoTime();
            List<NodeCounters> arcs = arcCounters(a, b);
            while (received + featureDrops(arcs) < sent || sent < target) {
                if (Thread.interrupted()) {
                    interrupted = true;
                    target = sent;
                }
                while (sent < target && sent - received - featureDrops(arcs) < WINDOW) {
                    if (!swapCycle.isEmpty() && swapEvery > 0 && sent > 0 && sent % swapEvery == 0) {
                        registry.swap("compress", swapCycle.get(swapIndex++ % swapCycle.size()));
                        swaps++;
                    }
                    int len = traffic.write(out, sent);
                    while (!appA[0].send(out, 0, len, appPool)) {
                        Thread.onSpinWait(); // the app's own pool is momentarily dry: wait, never drop
                    }
                    sentByFlow[traffic.flowOf(sent)]++;
                    sent++;
                }
                int len;
                try {
                    // Short polls: a packet a feature dropped never arrives, and the counters say so.
                    len = appB[0].receive(in, POLL_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    target = sent;
                    continue;
                }
                if (len < 0) {
                    if (System.nanoTime() - waitingSince > TimeUnit.MILLISECONDS.toNanos(ARRIVAL_TIMEOUT_MS)) {
                        lost = sent - received - featureDrops(arcs);
                        break;
                    }
                    continue;
                }
                waitingSince = System.nanoTime();
                long seq = TrialTraffic.sequenceOf(in);
                // With one flow every gap is loss or reordering; with several a feature may drop a
                // flow's packets, and only a packet older than one already seen is out of order.
                if (traffic == TrialTraffic.UDP ? seq != expected : seq < expected) {
                    reordered++;
                }
                expected = seq + 1;
                int want = traffic.write(expectedBytes, seq);
                if (len != want || !Arrays.equals(in, 0, len, expectedBytes, 0, want)) {
                    corrupt++;
                }
                if (seq >= 0 && seq < sent) {
                    receivedByFlow[traffic.flowOf(seq)]++;
                }
                received++;
                if (progress != null && received % 25_000 == 0) {
                    progress.accept("  " + received + " packets delivered, compressor now "
                            + registry.find("compress").flatMap(s -> s.activeBinding()).map(bd -> bd.name()).orElse("(none)"));
                }
            }
            Map<String, Long> drops = new LinkedHashMap<>();
            collectDrops(a, drops);
            collectDrops(b, drops);
            long dropsByFeatures = featureDrops(arcs);
            String countersA = a.countersReport();
            String countersB = b.countersReport();
            a.close();
            b.close();
            appA[0].close();
            appB[0].close();
            long outstanding = a.pool().outstanding() + b.pool().outstanding() + appPool.outstanding();
            // The trial's swaps are not the operator's: give the slot back as it was.
            registry.find("compress").ifPresent(slot -> slot.select(selectionBefore.orElse(null)));
            StringBuilder byFlow = new StringBuilder();
            for (int f = 0; traffic != TrialTraffic.UDP && f < flows; f++) {
                byFlow.append(f == 0 ? "" : "; ").append(traffic.flows().get(f)).append(" sent=").append(sentByFlow[f])
                        .append(" received=").append(receivedByFlow[f]);
            }
            return new Result(sent, received, corrupt, reordered, lost, swaps, outstanding, drops, countersA, countersB,
                    dropsByFeatures, byFlow.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The counters of both stacks' arc nodes. */
    private static List<NodeCounters> arcCounters(Stack a, Stack b) {
        List<NodeCounters> arcs = new ArrayList<>();
        for (Stack s : List.of(a, b)) {
            s.graph().counters().stream().filter(c -> c.node().startsWith("arc.")).forEach(arcs::add);
        }
        return arcs;
    }

    /** Packets the features at the arcs dropped (or dropped because they threw). */
    private static long featureDrops(List<NodeCounters> arcs) {
        long total = 0;
        for (NodeCounters c : arcs) {
            total += c.dropsTotal();
        }
        return total;
    }

    private static void collectDrops(Stack stack, Map<String, Long> drops) {
        for (NodeCounters c : stack.graph().counters()) {
            c.dropsByReason().forEach((reason, n) -> drops.merge(stack.name() + "." + c.node() + ":" + reason, n, Long::sum));
        }
    }

    /**
     * Writes datagram {@code seq} into {@code buf} and returns its length. Its size and content
     * depend only on {@code seq}, so the receiver can rebuild and compare it.
     */
    static int datagram(byte[] buf, long seq) {
        Random r = new Random(20261121L * 31 + seq);
        int payload = 8 + r.nextInt(1400 - 28 - 8);
        int total = 20 + 8 + payload;
        TrialHeader.write(buf, total, seq, 17);
        buf[20] = (byte) 0xC3;
        buf[21] = 0x50;
        buf[22] = 0x04;
        buf[23] = (byte) 0xD2;
        buf[24] = (byte) ((8 + payload) >>> 8);
        buf[25] = (byte) (8 + payload);
        for (int i = 0; i < 8; i++) {
            buf[28 + i] = (byte) (seq >>> (56 - 8 * i));
        }
        if (seq % 2 == 0) {
            byte[] text = "culvert moves packets through swappable modules; ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 8; i < payload; i++) {
                buf[28 + i] = text[i % text.length];
            }
        } else {
            byte[] noise = new byte[payload - 8];
            r.nextBytes(noise);
            System.arraycopy(noise, 0, buf, 36, noise.length);
        }
        return total;
    }

    /** The names of the compress slot's implementations, best first: the default swap cycle. */
    public static List<String> compressorNames(SlotRegistry registry) {
        List<String> names = new ArrayList<>();
        registry.find("compress").ifPresent(s -> s.all().forEach(b -> names.add(b.name())));
        return names;
    }
}
