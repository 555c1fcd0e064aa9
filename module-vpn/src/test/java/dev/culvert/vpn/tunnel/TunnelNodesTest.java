package dev.culvert.vpn.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.WorkerContext;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.wire.DataPacketDrops;
import dev.culvert.vpn.wire.DataPacketView;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared open and seal nodes send each packet where its kind says, and say why they drop one. */
class TunnelNodesTest {
    private final PacketPool pool = new PacketPool("tunnel-nodes", 8);

    /** What a node did with each packet, in order. */
    private static final class Recording implements Emitter {
        final List<String> events = new ArrayList<>();

        @Override
        public void forward(Packet packet, int port) {
            events.add("forward " + port);
            packet.release();
        }

        @Override
        public void consume(Packet packet) {
            events.add("consume");
        }

        @Override
        public void refused(Packet packet, DropReason reason) {
            events.add("refused " + reason);
            packet.release();
        }

        @Override
        public void drop(Packet packet, DropReason reason) {
            events.add("drop " + reason);
            packet.release();
        }

        @Override
        public WorkerContext worker() {
            return WorkerContext.NONE; // the open and seal nodes need no worker
        }
    }

    /** A role that knows one peer without keys, and takes every control packet. */
    private static final class OnePeer implements PeerDirectory, TunnelPeer {
        final List<String> calls = new ArrayList<>();
        boolean known = true;

        @Override
        public TunnelPeer sender(DataPacketView view, Packet packet, Emitter out) {
            calls.add("sender peer-id " + view.peerId());
            if (!known) {
                out.drop(packet, TunnelDrops.NO_PEER);
                return null;
            }
            return this;
        }

        @Override
        public void malformed(Packet packet, DropReason why, Emitter out) {
            calls.add("malformed " + why);
            out.drop(packet, why);
        }

        @Override
        public void control(Packet packet, long nowNanos, Emitter out) {
            calls.add("control " + packet.length());
            out.consume(packet);
            packet.release();
        }

        @Override
        public DataPlane data() {
            return null;
        }

        @Override
        public void addressTo(Packet packet) {
            packet.setRemote(7);
        }
    }

    private PacketBatch batch(String... hex) {
        PacketBatch batch = new PacketBatch(8);
        for (String h : hex) {
            byte[] bytes = HexFormat.of().parseHex(h);
            Packet p = pool.acquire();
            p.setContents(bytes, 0, bytes.length);
            batch.add(p);
        }
        return batch;
    }

    @Test
    void theOpenNodeSortsByKindAndDropsWhatItCannotOpenWithAReason() {
        OnePeer role = new OnePeer();
        Recording out = new Recording();
        // empty; a control packet (P_CONTROL_HARD_RESET_CLIENT_V2); a truncated P_DATA_V2; a whole P_DATA_V2 head
        new OpenNode(role).process(batch("", "38" + "11".repeat(13), "48000001", "4800000300000001" + "00".repeat(16)), out);
        assertEquals(List.of("drop " + TunnelDrops.EMPTY, "consume", "drop " + DataPacketDrops.TRUNCATED, "drop " + TunnelDrops.NO_KEYS),
                out.events);
        assertEquals(List.of("control 14", "malformed " + DataPacketDrops.TRUNCATED, "sender peer-id 3"), role.calls);
        assertEquals(pool.capacity(), pool.available(), "every packet went back to the pool");
    }

    @Test
    void theOpenNodeLeavesAnUnknownSendersPacketToTheRole() {
        OnePeer role = new OnePeer();
        role.known = false;
        Recording out = new Recording();
        new OpenNode(role).process(batch("3000000001" + "00".repeat(16)), out);
        assertEquals(List.of("drop " + TunnelDrops.NO_PEER), out.events);
        assertEquals(List.of("sender peer-id -1"), role.calls);
    }

    @Test
    void theSealNodeDropsForNoPeerAndForAPeerWithoutKeys() {
        OnePeer peer = new OnePeer();
        Recording out = new Recording();
        new SealNode(packet -> packet.length() == 1 ? null : peer).process(batch("45", "4500"), out);
        assertEquals(List.of("drop " + TunnelDrops.NO_PEER, "drop " + TunnelDrops.NO_KEYS), out.events);
        assertEquals(pool.capacity(), pool.available());
    }
}
