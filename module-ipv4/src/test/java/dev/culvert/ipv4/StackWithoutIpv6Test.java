package dev.culvert.ipv4;

import static dev.culvert.ipv4.Ipv4Packets.CLIENT;
import static dev.culvert.ipv4.Ipv4Packets.ROUTER;
import static dev.culvert.ipv4.Ipv4Packets.SERVER;
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
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.L3Protocol;
import dev.culvert.spi.l3.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kernel's L3 node with only this module installed, bound as an embedded stack binds it: through ServiceLoader. */
class StackWithoutIpv6Test {
    private final PacketPool pool = new PacketPool("stack-test", 16);
    private final SlotRegistry registry = new SlotRegistry();
    private final Sink accepted = new Sink();
    private final Sink errors = new Sink();
    private final Graph graph;

    StackWithoutIpv6Test() {
        for (L3Protocol protocol : ServiceLoader.load(L3Protocol.class)) {
            registry.slot(SlotNames.L3, L3Protocol.class).bind(protocol, "ipv4", 0);
        }
        L3Policy policy = new L3Policy(1400, 1360, 10).withRouterAddresses(ROUTER, 0, 0);
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
            Packet p = Ipv4Packets.load(pool, bytes);
            p.setSourcePeer(7);
            batch.add(p);
        }
        new GraphRunner(graph).run("l3", batch);
    }

    private long drops(DropReason reason) {
        return graph.counters("l3").drops(reason);
    }

    @Test
    void ipv4FlowsAndIpv6IsACountedDrop() {
        byte[] ipv6 = new byte[48];
        ipv6[0] = 0x60;
        run(Ipv4Packets.knownUdp(), ipv6, Ipv4Packets.linuxSyn());
        assertEquals(2, accepted.packets.size());
        assertEquals(1, drops(L3Node.NO_IPV6_MODULE));
        assertEquals(1360, accepted.packets.get(1).getUnsignedShort(42), "the SYN was clamped on its way through");
    }

    @Test
    void anOversizedDfPacketIsAnsweredTowardsItsSender() {
        run(Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0x4000, new byte[1480]));
        assertEquals(1, drops(Ipv4Protocol.TOO_BIG));
        assertEquals(1, errors.packets.size());
        Packet error = errors.packets.get(0);
        assertEquals(CLIENT, error.getInt(16));
        assertEquals(0x0304, error.getUnsignedShort(20), "destination unreachable, fragmentation needed");
        assertEquals(1400, error.getUnsignedShort(26));
        assertEquals(7, error.destinationPeer(), "the error follows the offending packet's peer back");
    }

    @Test
    void everyBrokenPacketIsACountedDrop() {
        byte[] badChecksum = Ipv4Packets.knownUdp();
        badChecksum[11] ^= 1;
        run(new byte[0], new byte[] {0x45}, badChecksum, new byte[] {0x15, 0, 0, 0});
        assertEquals(1, drops(L3Node.EMPTY));
        assertEquals(1, drops(dev.culvert.ipv4.wire.Ipv4Header.TRUNCATED));
        assertEquals(1, drops(Ipv4Protocol.BAD_CHECKSUM));
        assertEquals(1, drops(L3Node.BAD_VERSION));
        assertEquals(4, graph.counters("l3").dropsTotal());
    }
}
