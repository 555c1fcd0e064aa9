package dev.culvert.ipv6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.GraphRunner;
import dev.culvert.core.graph.Node;
import dev.culvert.core.l3.L3Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.ipv6.wire.ExtensionHeaderChain;
import dev.culvert.ipv6.wire.Ipv6Header;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.L3Protocol;
import dev.culvert.spi.l3.Side;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jazzer targets for everything in module-ipv6 that reads network bytes. In a normal build they
 * run over the kept seed corpus (src/test/resources/dev/culvert/ipv6/Ipv6FuzzTestInputs/); with
 * {@code -Pfuzz} each one fuzzes for a bounded time (see the pom). Any exception is a finding; so
 * is a rewrite that breaks a checksum, or a packet the pool does not get back.
 */
class Ipv6FuzzTest {
    private static final L3Policy POLICY = new L3Policy(1400, 1360, 1_000)
            .withRouterAddresses(0, Ipv6Packets.ROUTER_HI, Ipv6Packets.ROUTER_LO);

    private final PacketPool pool = new PacketPool("ipv6-fuzz", 16);
    /** Each read moves time on a second, so the rate limit never hides the writer from the fuzzer. */
    private final AtomicLong clock = new AtomicLong();
    private final Ipv6Protocol ipv6 = new Ipv6Protocol(() -> clock.addAndGet(1_000_000_000L));
    private final L3Metadata meta = new L3Metadata();
    private final Ipv6Header view = new Ipv6Header();
    private final ExtensionHeaderChain chain = new ExtensionHeaderChain();

    private Packet load(byte[] data, int from) {
        Packet p = pool.acquire();
        int length = Math.min(data.length - from, p.capacity() - p.offset());
        p.setContents(data, from, Math.max(0, length));
        return p;
    }

    @FuzzTest(maxDuration = "30s")
    void inspect(byte[] data) {
        Packet p = load(data, 0);
        int tcpAt = tcpOffset(p);
        boolean tcpValidBefore = tcpAt > 0 && tcpChecksumValid(p, tcpAt);
        if (ipv6.inspect(p, Side.TUNNEL, meta, POLICY) == null) {
            assertTrue(view.wrap(p) == null && chain.walk(view) == null, "an accepted packet has a valid header chain");
            assertEquals(6, meta.version());
            assertEquals(chain.upperOffset(), meta.headerLength());
            if (tcpValidBefore) {
                assertTrue(tcpChecksumValid(p, tcpAt), "MSS clamping kept the TCP checksum valid");
            }
        }
        p.release();
        assertEquals(0, pool.outstanding());
    }

    @FuzzTest(maxDuration = "30s")
    void writeIcmpError(byte[] data) {
        if (data.length < 3) {
            return;
        }
        IcmpError error = IcmpError.values()[(data[0] & 0xff) % IcmpError.values().length];
        int mtu = ((data[1] & 0xff) << 8) | (data[2] & 0xff);
        Packet offending = load(data, 3);
        Packet reply = pool.acquire();
        if (ipv6.writeIcmpError(offending, error, mtu, POLICY, reply) == null) {
            assertTrue(view.wrap(reply) == null && view.nextHeader() == 58, "the error is a well-formed ICMPv6 packet");
            assertTrue(reply.length() <= 1280);
            long sum = InternetChecksum.ipv6PseudoHeader(view.sourceHi(), view.sourceLo(), view.destinationHi(), view.destinationLo(),
                    58, reply.length() - 40);
            assertEquals(0xffff, InternetChecksum.fold(InternetChecksum.add(sum, reply, 40, reply.length() - 40)), "ICMPv6 checksum");
            assertTrue(reply.getUnsignedByte(40) < 128, "an error message type");
        }
        offending.release();
        reply.release();
        assertEquals(0, pool.outstanding());
    }

    /**
     * Splits the input into up to four packets and runs them through the kernel's L3 node with
     * only IPv6 bound: IPv4 must be a counted drop, never a failure.
     */
    @FuzzTest(maxDuration = "30s")
    void l3Node(byte[] data) {
        SlotRegistry registry = new SlotRegistry();
        registry.slot(SlotNames.L3, L3Protocol.class).bind(ipv6, "ipv6", 0);
        L3Node node = new L3Node(registry, Side.TUNNEL, POLICY);
        Node sink = new Node() {
            @Override
            public List<String> ports() {
                return List.of();
            }

            @Override
            public void process(PacketBatch batch, Emitter out) {
                for (int i = 0; i < batch.size(); i++) {
                    out.consume(batch.get(i));
                    batch.get(i).release();
                }
            }
        };
        Graph graph = Graph.builder().node("l3", node).node("sink", sink).wire("l3", "accept", "sink").wire("l3", "icmp", "sink").build();
        PacketBatch batch = new PacketBatch();
        int at = 0;
        for (int n = 0; n < 4 && at < data.length; n++) {
            int length = Math.min(data.length - at, 1 + (data[at] & 0x7f) * 16);
            Packet p = pool.acquire();
            p.setContents(data, at, Math.min(length, p.capacity() - p.offset()));
            batch.add(p);
            at += length;
        }
        new GraphRunner(graph).run("l3", batch);
        assertEquals(0, graph.failures("l3"));
        assertEquals(0, graph.counters("l3").drops(L3Node.PROTOCOL_FAILED));
        assertEquals(0, pool.outstanding());
    }

    /** Where an unfragmented packet's TCP header starts, by the module's own walk, or 0. */
    private int tcpOffset(Packet p) {
        if (view.wrap(p) != null || chain.walk(view) != null || chain.isFragment() || chain.upperProtocol() != 6) {
            return 0;
        }
        return view.totalLength() - chain.upperOffset() >= 20 ? chain.upperOffset() : 0;
    }

    private boolean tcpChecksumValid(Packet p, int at) {
        view.wrap(p);
        int length = view.totalLength() - at;
        long sum = InternetChecksum.ipv6PseudoHeader(view.sourceHi(), view.sourceLo(), view.destinationHi(), view.destinationLo(), 6, length);
        return InternetChecksum.fold(InternetChecksum.add(sum, p, at, length)) == 0xffff;
    }
}
