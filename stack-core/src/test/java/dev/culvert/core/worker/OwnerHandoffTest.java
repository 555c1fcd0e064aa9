package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.io.transport.UdpTransport;
import dev.culvert.core.io.transport.UdpTransportFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Per-peer order across workers: packets of one peer arrive on two workers at once, yet packet
 * ids are assigned by the peer's owner only and leave in id order. Stock OpenVPN drops packets
 * more than 64 places out of order; here the order is exact.
 */
class OwnerHandoffTest {
    private static final long PEER = 7;
    private static final int PER_SENDER = 2000;

    /** Tags every packet with the one peer this test has. */
    private static final class Classify implements Node {
        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).setDestinationPeer(PEER);
                out.forward(batch.get(i));
            }
        }
    }

    /** Assigns the peer's next packet id, as the data channel does, and addresses the collector. */
    private static final class AssignIds implements Node {
        private final FlowOwners owners;
        private final int[] collectorHandle;
        private long nextId;
        final AtomicInteger offOwner = new AtomicInteger();

        AssignIds(FlowOwners owners, int[] collectorHandle) {
            this.owners = owners;
            this.collectorHandle = collectorHandle;
        }

        @Override
        public void process(PacketBatch batch, Emitter out) {
            int self = out.worker().index();
            for (int i = 0; i < batch.size(); i++) {
                Packet p = batch.get(i);
                if (self != owners.ownerOf(p.destinationPeer())) {
                    offOwner.incrementAndGet();
                }
                p.putInt(0, (int) nextId++); // only the owner gets here, so a plain field is enough
                p.setRemote(collectorHandle[self]);
                out.forward(p);
            }
        }
    }

    @Test
    void aPeersIdsAreAssignedByItsOwnerAndLeaveInOrder() throws Exception {
        FlowOwners owners = FlowOwners.hashed(2);
        OwnerHandoff handoff = new OwnerHandoff(owners);
        int[] collectorHandle = new int[2];
        AssignIds assign = new AssignIds(owners, collectorHandle);
        Graph graph = Graph.builder()
                .node("from-udp", new Classify())
                .node("handoff", handoff)
                .node("assign-ids", assign)
                .node("to-udp", new TransportSink(0))
                .wire("from-udp", "handoff")
                .wire("handoff", "owned", "assign-ids")
                .wire("assign-ids", "to-udp")
                .build();
        PacketPool pool = new PacketPool("handoff", 8192);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        UdpTransportFactory udp = new UdpTransportFactory();
        try (DatagramSocket collector = new DatagramSocket(loopback)) {
            collector.setReceiveBufferSize(4 << 20);
            collector.setSoTimeout(2000);
            Worker[] workers = new Worker[2];
            UdpTransport[] sockets = new UdpTransport[2];
            for (int w = 0; w < 2; w++) {
                // Separate ports, so both workers are certain to receive the peer's packets.
                sockets[w] = udp.open(loopback, null, 1)[0];
                collectorHandle[w] = sockets[w].handleOf((InetSocketAddress) collector.getLocalSocketAddress());
                workers[w] = new Worker(w, "handoff-" + w, graph, pool, 4096);
                workers[w].addTransport(sockets[w], "from-udp");
                workers[w].setInboxEntry("assign-ids");
            }
            handoff.setWorkers(List.of(workers));
            for (Worker w : workers) {
                w.start();
            }
            try {
                Thread[] senders = new Thread[2];
                for (int w = 0; w < 2; w++) {
                    InetSocketAddress target = sockets[w].localAddress();
                    senders[w] = new Thread(() -> send(target), "sender-" + w);
                    senders[w].start();
                }
                int received = 0;
                long expected = 0;
                int outOfOrder = 0;
                DatagramPacket packet = new DatagramPacket(new byte[64], 64);
                try {
                    while (received < 2 * PER_SENDER) {
                        collector.receive(packet);
                        long id = ByteBuffer.wrap(packet.getData()).getInt() & 0xffffffffL;
                        if (id < expected) {
                            outOfOrder++;
                        }
                        expected = id + 1;
                        received++;
                    }
                } catch (SocketTimeoutException quiet) {
                    // fewer arrived: counted below
                }
                for (Thread s : senders) {
                    s.join(10_000);
                }
                assertEquals(0, assign.offOwner.get(), "ids were assigned off the owner");
                Worker owner = workers[owners.ownerOf(PEER)];
                Worker other = workers[1 - owners.ownerOf(PEER)];
                assertTrue(owner.inboxPackets() > 0, "the other worker handed packets to the owner");
                assertEquals(0, other.inboxPackets());
                assertEquals(0, outOfOrder, "ids left out of order");
                long dropped = graph.dropsTotal() + sockets[0].drops().total() + sockets[1].drops().total();
                assertTrue(received > 0, "nothing arrived");
                // Every packet either arrived or is a counted drop (loopback UDP may drop under load).
                assertTrue(received + dropped <= 2 * PER_SENDER);
                System.out.println("handoff: " + received + " of " + 2 * PER_SENDER + " in order; counted drops " + dropped);
            } finally {
                for (Worker w : workers) {
                    assertTrue(w.stopAndJoin(5, TimeUnit.SECONDS));
                    w.close();
                }
                for (UdpTransport s : sockets) {
                    s.close();
                }
            }
        }
        assertEquals(0, pool.outstanding());
    }

    private static void send(InetSocketAddress target) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            byte[] payload = new byte[32];
            for (int i = 0; i < PER_SENDER; i++) {
                s.send(new DatagramPacket(payload, payload.length, target));
                if (i % 64 == 63) {
                    Thread.sleep(1); // keep well under the socket buffers: this test is about order, not loss
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
