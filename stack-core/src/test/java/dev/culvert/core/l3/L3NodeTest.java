package dev.culvert.core.l3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.GraphRunner;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.L3Protocol;
import dev.culvert.spi.l3.Side;
import dev.culvert.spi.route.RouteTable;
import dev.culvert.spi.route.Router;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class L3NodeTest {
    private static final DropReason TOO_BIG = DropReason.of("test.too-big");
    private static final DropReason REFUSED = DropReason.of("test.refused");

    private final PacketPool pool = new PacketPool("l3-node-test", 16);
    private final SlotRegistry registry = new SlotRegistry();
    private final Slot<L3Protocol> slot = registry.slot(SlotNames.L3, L3Protocol.class);
    private final Sink accepted = new Sink();
    private final Sink icmp = new Sink();
    private final L3Node node = new L3Node(registry, Side.TUNNEL, L3Policy.DEFAULT);
    private final Graph graph = Graph.builder().node("l3", node).node("accepted", accepted).node("icmp", icmp)
            .wire("l3", "accept", "accepted").wire("l3", "icmp", "icmp").build();
    private final GraphRunner runner = new GraphRunner(graph);

    @AfterEach
    void poolBalances() {
        accepted.releaseAll();
        icmp.releaseAll();
        assertEquals(0, pool.outstanding());
    }

    /** Passes every packet of its version unless it is longer than 100 bytes, which it answers with an ICMP error. */
    private static final class FakeProtocol implements L3Protocol {
        final int version;
        boolean refuseIcmp;
        boolean explode;
        int inspected;

        FakeProtocol(int version) {
            this.version = version;
        }

        @Override
        public int ipVersion() {
            return version;
        }

        @Override
        public DropReason inspect(Packet packet, Side side, L3Metadata meta, L3Policy policy) {
            inspected++;
            if (explode) {
                throw new IllegalStateException("broken module");
            }
            // The packet's length stands in for its source address: for IPv6, below 64 a link-local
            // one (fe80::length), else a global one (2001:db8::length).
            if (version == 6) {
                meta.setIpv6(packet.length() < 64 ? 0xFE80_0000_0000_0000L : 0x2001_0DB8_0000_0000L, packet.length(), 0, 0, 17, 40, false);
            } else {
                meta.setIpv4(packet.length(), 0, 0, 20, false);
            }
            if (packet.length() > 100) {
                meta.setAnswer(IcmpError.PACKET_TOO_BIG);
                return TOO_BIG;
            }
            return null;
        }

        @Override
        public DropReason writeIcmpError(Packet offending, IcmpError error, int nextHopMtu, L3Policy policy, Packet reply) {
            if (refuseIcmp) {
                return REFUSED;
            }
            reply.setContents(new byte[] {(byte) (version << 4), (byte) nextHopMtu}, 0, 2);
            return null;
        }
    }

    private static final class Sink implements Node {
        final List<Packet> packets = new ArrayList<>();

        @Override
        public List<String> ports() {
            return List.of();
        }

        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                packets.add(batch.get(i));
                out.consume(batch.get(i));
            }
        }

        void releaseAll() {
            packets.forEach(Packet::release);
            packets.clear();
        }
    }

    private void send(int... firstBytesAndLengths) {
        PacketBatch batch = new PacketBatch();
        for (int i = 0; i < firstBytesAndLengths.length; i += 2) {
            Packet p = pool.acquire();
            p.setLength(firstBytesAndLengths[i + 1]);
            if (p.length() > 0) {
                p.putByte(0, firstBytesAndLengths[i]);
            }
            p.setIngress(7);
            p.setSourcePeer(42);
            batch.add(p);
        }
        runner.run("l3", batch);
    }

    private long drops(DropReason reason) {
        return graph.counters("l3").drops(reason);
    }

    @Test
    void withoutModulesBothVersionsAreCountedDrops() {
        send(0x45, 20, 0x60, 40);
        assertEquals(1, drops(L3Node.NO_IPV4_MODULE));
        assertEquals(1, drops(L3Node.NO_IPV6_MODULE));
    }

    @Test
    void dispatchesByVersionNibble() {
        FakeProtocol v4 = new FakeProtocol(4);
        FakeProtocol v6 = new FakeProtocol(6);
        slot.bind(v4, "ipv4", 0);
        slot.bind(v6, "ipv6", 0);
        send(0x45, 20, 0x60, 40, 0x45, 60);
        assertEquals(2, v4.inspected);
        assertEquals(1, v6.inspected);
        assertEquals(3, accepted.packets.size());
    }

    @Test
    void aStackWithoutIpv6DropsOnlyIpv6() {
        slot.bind(new FakeProtocol(4), "ipv4", 0);
        send(0x45, 20, 0x60, 40, 0x45, 20);
        assertEquals(2, accepted.packets.size());
        assertEquals(1, drops(L3Node.NO_IPV6_MODULE));
    }

    @Test
    void followsBindsAndUnbinds() {
        FakeProtocol v6 = new FakeProtocol(6);
        send(0x60, 40);
        slot.bind(v6, "ipv6", 0);
        send(0x60, 40);
        slot.unbind(v6);
        send(0x60, 40);
        assertEquals(1, accepted.packets.size());
        assertEquals(2, drops(L3Node.NO_IPV6_MODULE));
    }

    @Test
    void emptyPacketsAndUnknownVersionsAreCountedDrops() {
        slot.bind(new FakeProtocol(4), "ipv4", 0);
        send(0, 0, 0x55, 20, 0x00, 20, 0xf0, 1);
        assertEquals(1, drops(L3Node.EMPTY));
        assertEquals(3, drops(L3Node.BAD_VERSION));
        assertEquals(0, accepted.packets.size());
    }

    @Test
    void anAnsweredDropSendsTheErrorBackThroughTheIcmpPort() {
        slot.bind(new FakeProtocol(4), "ipv4", 0);
        node.setPolicy(new L3Policy(1400, 0, 10));
        send(0x45, 200);
        assertEquals(1, drops(TOO_BIG));
        assertEquals(1, icmp.packets.size());
        Packet reply = icmp.packets.get(0);
        assertEquals(1400 & 0xff, reply.getUnsignedByte(1), "the next-hop MTU is the policy's");
        assertEquals(7, reply.ingress());
        assertEquals(42, reply.destinationPeer());
    }

    @Test
    void aRefusedErrorIsCountedUnderTheProtocolsReason() {
        FakeProtocol v4 = new FakeProtocol(4);
        v4.refuseIcmp = true;
        slot.bind(v4, "ipv4", 0);
        send(0x45, 200);
        assertEquals(1, drops(TOO_BIG));
        assertEquals(1, drops(REFUSED));
        assertEquals(0, icmp.packets.size());
    }

    @Test
    void aProtocolThatThrowsCostsOnlyItsPacket() {
        FakeProtocol v4 = new FakeProtocol(4);
        v4.explode = true;
        slot.bind(v4, "ipv4", 0);
        slot.bind(new FakeProtocol(6), "ipv6", 0);
        send(0x45, 20, 0x60, 40);
        assertEquals(1, drops(L3Node.PROTOCOL_FAILED));
        assertEquals(1, accepted.packets.size());
        assertEquals(0, graph.failures("l3"));
    }

    /** Lets peer 42 send from "address" 20 only. */
    private static final class FakeRouter implements Router {
        boolean explode;

        @Override
        public long route(long from, L3Metadata meta) {
            return LOCAL;
        }

        @Override
        public RouteTable table() {
            throw new UnsupportedOperationException("the L3 node never edits the table");
        }

        @Override
        public boolean sourceAllowed(long peer, L3Metadata meta) {
            if (explode) {
                throw new IllegalStateException("broken router");
            }
            return peer == 42 && meta.srcV4() == 20;
        }
    }

    @Test
    void aTunnelPacketMustComeFromOneOfItsPeersAddresses() {
        slot.bind(new FakeProtocol(4), "ipv4", 0);
        send(0x45, 20, 0x45, 30);
        assertEquals(2, accepted.packets.size(), "without a router nothing is checked");
        registry.slot(SlotNames.ROUTE, Router.class).bind(new FakeRouter(), "fake", 0);
        send(0x45, 20, 0x45, 30);
        assertEquals(3, accepted.packets.size());
        assertEquals(1, drops(L3Node.SPOOFED_SOURCE));
        assertEquals(0, icmp.packets.size(), "a spoofed source is not answered");
    }

    @Test
    void anIpv6LinkLocalSourceTheRouterRefusesIsCountedApartFromASpoofedOne() {
        slot.bind(new FakeProtocol(6), "ipv6", 0);
        registry.slot(SlotNames.ROUTE, Router.class).bind(new FakeRouter(), "fake", 0);
        send(0x60, 48, 0x60, 80, 0x60, 20);
        assertEquals(1, drops(L3Node.LINK_LOCAL_SOURCE), "fe80::30, a device's router solicitation, say");
        assertEquals(1, drops(L3Node.SPOOFED_SOURCE), "2001:db8::50 is no link-local address");
        assertEquals(1, accepted.packets.size(), "fe80::14, which this router allows, passes: the router decides, the reason only names");
        assertEquals(0, icmp.packets.size(), "neither is answered");
    }

    @Test
    void aRouterThatThrowsCostsOnlyItsPacket() {
        slot.bind(new FakeProtocol(4), "ipv4", 0);
        FakeRouter router = new FakeRouter();
        router.explode = true;
        registry.slot(SlotNames.ROUTE, Router.class).bind(router, "fake", 0);
        send(0x45, 20);
        assertEquals(1, drops(L3Node.ROUTER_FAILED));
        assertEquals(0, graph.failures("l3"));
    }

    @Test
    void packetsFromTheLinkAreNotCheckedForSpoofing() {
        slot.bind(new FakeProtocol(4), "ipv4", 0);
        registry.slot(SlotNames.ROUTE, Router.class).bind(new FakeRouter(), "fake", 0);
        L3Node linkSide = new L3Node(registry, Side.LINK, L3Policy.DEFAULT);
        Sink sink = new Sink();
        Graph g = Graph.builder().node("l3", linkSide).node("out", sink).wire("l3", "accept", "out").wire("l3", "icmp", "out").build();
        PacketBatch batch = new PacketBatch();
        Packet p = pool.acquire();
        p.setLength(30);
        p.putByte(0, 0x45);
        batch.add(p);
        new GraphRunner(g).run("l3", batch);
        assertEquals(1, sink.packets.size());
        sink.releaseAll();
    }

    @Test
    void anAcceptedPacketCarriesWhatTheCheckLearnedForTheNodesAfterIt() {
        slot.bind(new FakeProtocol(4), "ipv4", 0);
        send(0x45, 20, 0x45, 30);
        assertEquals(2, accepted.packets.size());
        for (Packet p : accepted.packets) {
            assertEquals(4, p.inside().version());
            assertEquals(p.length(), (int) p.inside().srcLo(), "the fake protocol's source address is the length");
            assertEquals(20, p.inside().headerLength());
        }
    }

    @Test
    void aReusedPacketCarriesNothingFromItsLastUse() {
        Packet p = pool.acquire();
        p.inside().set(6, 17, 40, false, 1, 2, 3, 4);
        p.release();
        Packet again = pool.acquire();
        assertEquals(0, again.inside().version());
        again.release();
    }
}
