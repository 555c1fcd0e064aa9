package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.GraphRunner;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.Slot;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.route.RouteTable;
import dev.culvert.spi.route.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

class RouteNodeTest {
    /** Routes 10.8.0.2 to client 0 and 10.8.0.3 to client 1, everything else from a client to the TUN. */
    static final class TwoClients implements Router {
        final List<Long> fromSeen = new ArrayList<>();

        @Override
        public long route(long from, L3Metadata meta) {
            fromSeen.add(from);
            if (meta.version() != 4) {
                return UNREACHABLE;
            }
            int dst = meta.dstV4();
            if (dst == 0x0A080002) {
                return 0;
            }
            if (dst == 0x0A080003) {
                return 1;
            }
            return from == LOCAL ? UNREACHABLE : LOCAL;
        }

        @Override
        public boolean sourceAllowed(long peer, L3Metadata meta) {
            return true;
        }

        @Override
        public RouteTable table() {
            throw new UnsupportedOperationException();
        }
    }

    static final class Collect implements Node {
        final List<Long> flows = new ArrayList<>();
        private final ToLongFunction<Packet> peer;

        Collect(ToLongFunction<Packet> peer) {
            this.peer = peer;
        }

        @Override
        public List<String> ports() {
            return List.of();
        }

        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                flows.add(peer.applyAsLong(batch.get(i)));
                out.consume(batch.get(i));
                batch.get(i).release();
            }
        }
    }

    private final PacketPool pool = new PacketPool("route-test", 16);

    private Packet ipv4(int dst, long sourcePeer) {
        Packet p = pool.acquire();
        byte[] header = new byte[20];
        header[0] = 0x45;
        header[16] = (byte) (dst >>> 24);
        header[17] = (byte) (dst >>> 16);
        header[18] = (byte) (dst >>> 8);
        header[19] = (byte) dst;
        p.setContents(header, 0, header.length);
        p.setSourcePeer(sourcePeer);
        p.inside().set(4, 0, 20, false, 0, 0, 0, dst & 0xFFFF_FFFFL); // as the L3 node before routing leaves it
        return p;
    }

    private record Run(Collect tun, Collect client, Collect unreachable, Graph graph) {
    }

    private Run run(Slot<Router> slot, boolean fromTunnel, Packet... packets) {
        Collect tun = new Collect(Packet::sourcePeer);
        Collect client = new Collect(Packet::destinationPeer);
        Collect unreachable = new Collect(Packet::sourcePeer);
        Graph.Builder wiring = Graph.builder().node("route", new RouteNode(slot, fromTunnel)).node("tun", tun).node("client", client)
                .node("unreachable", unreachable).wire("route", "client", "client").wire("route", "unreachable", "unreachable");
        if (fromTunnel) {
            wiring.wire("route", "tun", "tun"); // a packet from the TUN has no port back to it
        }
        Graph graph = wiring.build();
        PacketBatch batch = new PacketBatch(16);
        for (Packet p : packets) {
            batch.add(p);
        }
        new GraphRunner(graph).run("route", batch);
        return new Run(tun, client, unreachable, graph);
    }

    @Test
    void aPacketFromTheTunGoesToTheClientOwningItsDestination() {
        Slot<Router> slot = new Slot<>("route", Router.class);
        TwoClients router = new TwoClients();
        slot.bind(router, "two", 0);
        Run r = run(slot, false, ipv4(0x0A080003, 99));
        assertEquals(List.of(1L), r.client().flows, "flow becomes the client's index");
        assertEquals(List.of(Router.LOCAL), router.fromSeen, "the router is told the packet came from the TUN");
    }

    @Test
    void aPacketFromAClientGoesToTheTunOrToAnotherClient() {
        Slot<Router> slot = new Slot<>("route", Router.class);
        TwoClients router = new TwoClients();
        slot.bind(router, "two", 0);
        Run r = run(slot, true, ipv4(0x0A080001, 0), ipv4(0x0A080003, 0));
        assertEquals(List.of(0L), r.tun().flows);
        assertEquals(List.of(1L), r.client().flows);
        assertEquals(List.of(0L, 0L), router.fromSeen, "the router is told which client sent it");
    }

    @Test
    void withoutARouterThePacketIsDroppedWithAReasonAndWithoutARouteItGoesToBeAnswered() {
        Slot<Router> empty = new Slot<>("route", Router.class);
        Run none = run(empty, true, ipv4(0x0A080001, 0));
        assertEquals(1, none.graph().counters("route").drops(ServerDrops.NO_ROUTER));
        Slot<Router> slot = new Slot<>("route", Router.class);
        slot.bind(new TwoClients(), "two", 0);
        Run unreachable = run(slot, false, ipv4(0x01020304, -1));
        assertEquals(List.of(-1L), unreachable.unreachable().flows, "no route: to the node that answers with ICMP unreachable");
    }

    @Test
    void aRouterSwapTakesEffectForTheNextBatch() {
        Slot<Router> slot = new Slot<>("route", Router.class);
        Run before = run(slot, true, ipv4(0x0A080001, 0));
        assertEquals(List.of(), before.tun().flows);
        slot.bind(new TwoClients(), "two", 0);
        Run after = run(slot, true, ipv4(0x0A080001, 0));
        assertEquals(List.of(0L), after.tun().flows);
    }

    @Test
    void routingReadsTheAddressesTheL3CheckCarriedNotTheHeaderAgain() {
        Slot<Router> slot = new Slot<>("route", Router.class);
        slot.bind(new TwoClients(), "two", 0);
        Packet carried = ipv4(0x01020304, -1); // the header's bytes name an unreachable address
        carried.inside().set(4, 0, 20, false, 0, 0, 0, 0x0A080003L); // the check's record names client 1
        Run r = run(slot, false, carried);
        assertEquals(List.of(1L), r.client().flows);
        Packet unchecked = ipv4(0x0A080003, -1);
        unchecked.inside().clear(); // no L3 check passed it
        Run none = run(slot, false, unchecked);
        assertEquals(1, none.graph().counters("route").drops(ServerDrops.NOT_ROUTABLE));
    }
}
