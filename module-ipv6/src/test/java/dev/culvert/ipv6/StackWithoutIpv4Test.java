package dev.culvert.ipv6;

import static dev.culvert.ipv6.Ipv6Packets.CLIENT_HI;
import static dev.culvert.ipv6.Ipv6Packets.CLIENT_LO;
import static dev.culvert.ipv6.Ipv6Packets.ROUTER_HI;
import static dev.culvert.ipv6.Ipv6Packets.ROUTER_LO;
import static dev.culvert.ipv6.Ipv6Packets.SERVER_HI;
import static dev.culvert.ipv6.Ipv6Packets.SERVER_LO;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.graph.DropReason;
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
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.L3Protocol;
import dev.culvert.spi.l3.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kernel's L3 node with only this module installed, bound as an embedded stack binds it: through ServiceLoader. */
class StackWithoutIpv4Test {
    private final PacketPool pool = new PacketPool("stack-test", 16);
    private final SlotRegistry registry = new SlotRegistry();
    private final Sink accepted = new Sink();
    private final Sink errors = new Sink();
    private final Graph graph;

    StackWithoutIpv4Test() {
        for (L3Protocol protocol : ServiceLoader.load(L3Protocol.class)) {
            registry.slot(SlotNames.L3, L3Protocol.class).bind(protocol, "ipv6", 0);
        }
        L3Policy policy = new L3Policy(1400, 1360, 10).withRouterAddresses(0, ROUTER_HI, ROUTER_LO);
        graph = Graph.builder().node("l3", new L3Node(registry, Side.LINK, policy)).node("accepted", accepted).node("errors", errors)
                .wire("l3", "accept", "accepted").wire("l3", "icmp", "errors").build();
    }

    @AfterEach
    void poolBalances() {
        accepted.packets.forEach(Packet::release);
        errors.packets.forEach(Packet::release);
        assertEquals(0, pool.outstanding());
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
    }

    private void run(byte[]... packets) {
        PacketBatch batch = new PacketBatch();
        for (byte[] bytes : packets) {
            Packet p = Ipv6Packets.load(pool, bytes);
            p.setSourcePeer(9);
            batch.add(p);
        }
        new GraphRunner(graph).run("l3", batch);
    }

    private long drops(DropReason reason) {
        return graph.counters("l3").drops(reason);
    }

    @Test
    void ipv6FlowsAndIpv4IsACountedDrop() {
        byte[] ipv4 = new byte[28];
        ipv4[0] = 0x45;
        run(Ipv6Packets.echoRequest(), ipv4, Ipv6Packets.syn());
        assertEquals(2, accepted.packets.size());
        assertEquals(1, drops(L3Node.NO_IPV4_MODULE));
        assertEquals(1340, accepted.packets.get(1).getUnsignedShort(62), "the SYN was clamped on its way through");
    }

    @Test
    void anOversizedPacketIsAnsweredTowardsItsSender() {
        run(Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 17, 64, new byte[1460]));
        assertEquals(1, drops(Ipv6Protocol.TOO_BIG));
        assertEquals(1, errors.packets.size());
        Packet error = errors.packets.get(0);
        assertEquals(1280, error.length());
        assertEquals(2, error.getUnsignedByte(40), "packet too big");
        assertEquals(1400, error.getInt(44));
        assertEquals(9, error.destinationPeer(), "the error follows the offending packet's peer back");
    }

    @Test
    void everyBrokenPacketIsACountedDrop() {
        byte[] badChain = Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 0, 64, new byte[] {17, 9, 0, 0, 0, 0, 0, 0});
        run(new byte[0], new byte[] {0x60, 0}, badChain, new byte[] {(byte) 0xf0});
        assertEquals(1, drops(L3Node.EMPTY));
        assertEquals(1, drops(dev.culvert.ipv6.wire.Ipv6Header.TRUNCATED));
        assertEquals(1, drops(ExtensionHeaderChain.TRUNCATED));
        assertEquals(1, drops(L3Node.BAD_VERSION));
        assertEquals(4, graph.counters("l3").dropsTotal());
    }
}
