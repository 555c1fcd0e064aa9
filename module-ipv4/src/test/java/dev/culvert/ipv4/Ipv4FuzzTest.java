package dev.culvert.ipv4;

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
import dev.culvert.ipv4.wire.Ipv4Header;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.L3Protocol;
import dev.culvert.spi.l3.Side;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jazzer targets for everything in module-ipv4 that reads network bytes. In a normal build they
 * run over the kept seed corpus (src/test/resources/dev/culvert/ipv4/Ipv4FuzzTestInputs/); with
 * {@code -Pfuzz} each one fuzzes for a bounded time (see the pom). Any exception is a finding; so
 * is a rewrite that breaks a checksum, or a packet the pool does not get back.
 */
class Ipv4FuzzTest {
    private static final L3Policy POLICY = new L3Policy(1400, 1360, 1_000).withRouterAddresses(Ipv4Packets.ROUTER, 0, 0);

    private final PacketPool pool = new PacketPool("ipv4-fuzz", 16);
    /** Each read moves time on a second, so the rate limit never hides the writer from the fuzzer. */
    private final AtomicLong clock = new AtomicLong();
    private final Ipv4Protocol ipv4 = new Ipv4Protocol(() -> clock.addAndGet(1_000_000_000L));
    private final L3Metadata meta = new L3Metadata();
    private final Ipv4Header view = new Ipv4Header();

    private Packet load(byte[] data, int from) {
        Packet p = pool.acquire();
        int length = Math.min(data.length - from, p.capacity() - p.offset());
        p.setContents(data, from, Math.max(0, length));
        return p;
    }

    @FuzzTest(maxDuration = "30s")
    void inspect(byte[] data) {
        Packet p = load(data, 0);
        boolean tcpValidBefore = tcpChecksumValid(p);
        if (ipv4.inspect(p, Side.TUNNEL, meta, POLICY) == null) {
            assertTrue(view.wrap(p) == null && view.checksumValid(), "an accepted packet has a valid header");
            assertEquals(4, meta.version());
            if (tcpValidBefore) {
                assertTrue(tcpChecksumValid(p), "MSS clamping kept the TCP checksum valid");
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
        if (ipv4.writeIcmpError(offending, error, mtu, POLICY, reply) == null) {
            assertTrue(view.wrap(reply) == null && view.checksumValid(), "the error has a valid IPv4 header");
            assertTrue(reply.length() <= 576);
            assertEquals(0xffff, InternetChecksum.fold(InternetChecksum.add(0, reply, 20, reply.length() - 20)), "ICMP checksum");
        }
        offending.release();
        reply.release();
        assertEquals(0, pool.outstanding());
    }

    /** Splits the input into up to four packets and runs them through the kernel's L3 node with IPv4 bound. */
    @FuzzTest(maxDuration = "30s")
    void l3Node(byte[] data) {
        SlotRegistry registry = new SlotRegistry();
        registry.slot(SlotNames.L3, L3Protocol.class).bind(ipv4, "ipv4", 0);
        L3Node node = new L3Node(registry, Side.LINK, POLICY);
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

    private static boolean tcpChecksumValid(Packet p) {
        if (p.length() < 40 || (p.getUnsignedByte(0) & 0xf0) != 0x40 || p.getUnsignedByte(9) != 6) {
            return false;
        }
        int ihl = (p.getUnsignedByte(0) & 0x0f) * 4;
        int total = p.getUnsignedShort(2);
        if (ihl < 20 || total < ihl + 20 || total > p.length()) {
            return false;
        }
        long sum = InternetChecksum.ipv4PseudoHeader(p.getInt(12), p.getInt(16), 6, total - ihl);
        return InternetChecksum.fold(InternetChecksum.add(sum, p, ihl, total - ihl)) == 0xffff;
    }
}
