package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.Node;
import dev.culvert.core.io.memory.MemoryNetwork;
import dev.culvert.core.io.memory.MemoryTransport;
import dev.culvert.core.io.transport.TransportDrops;
import dev.culvert.core.link.LinkSink;
import dev.culvert.core.link.VirtualLink;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.link.Link;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A worker with no file descriptor among its sources: a virtual link and an in-memory transport
 * tell it they have input, and it moves packets between them as it would between a TUN queue
 * and a UDP socket.
 */
class InMemorySourcesTest {
    private static final InetSocketAddress FAR = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7000);
    private static final InetSocketAddress NEAR = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7001);

    /** Addresses every packet from the link to one far handle. */
    private static final class ToFar implements Node {
        private final int far;

        ToFar(int far) {
            this.far = far;
        }

        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).setRemote(far);
                out.forward(batch.get(i));
            }
        }
    }

    private static Graph bridge(int far) {
        return Graph.builder()
                .node("from-link", new ToFar(far))
                .node("to-net", new TransportSink(0))
                .node("from-net", new WorkerFixtures.Pass())
                .node("to-link", LinkSink.ofWorker(0))
                .wire("from-link", "to-net")
                .wire("from-net", "to-link")
                .build();
    }

    @Test
    void aWorkerMovesPacketsBetweenAVirtualLinkAndAnInMemoryTransport() throws Exception {
        MemoryNetwork net = new MemoryNetwork(64, 16);
        MemoryTransport far = net.bind(FAR, null, 1)[0];
        MemoryTransport near = net.bind(NEAR, null, 1)[0];
        far.handleOf(NEAR); // the far end knows the near one: its datagrams arrive with its handle
        VirtualLink[] cable = VirtualLink.pair("app", 1500, 64);
        PacketPool pool = new PacketPool("worker", 64);
        PacketPool app = new PacketPool("app", 64);
        PacketPool farPool = new PacketPool("far", 64);
        Worker worker = new Worker(0, "in-memory", bridge(near.handleOf(FAR)), pool, 16);
        assertEquals(0, worker.addLink(cable[1], "from-link"));
        assertEquals(0, worker.addTransport(near, "from-net"));
        worker.start();
        try {
            // Link to network: the application writes into its end of the cable.
            CountDownLatch arrived = new CountDownLatch(3);
            far.onReadable(arrived::countDown);
            for (int i = 0; i < 3; i++) {
                assertTrue(cable[0].send(new byte[] {(byte) i, 42}, 0, 2, app));
            }
            assertTrue(arrived.await(10, TimeUnit.SECONDS), "the worker was woken by the link and sent on");
            PacketBatch batch = new PacketBatch();
            assertEquals(3, far.receive(batch, farPool));
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(new byte[] {(byte) i, 42}, batch.get(i).toByteArray(), "in order");
                assertEquals(NEAR, far.addressOf(batch.get(i).remote()));
            }
            // Network to link: the far end answers, the worker writes to the link.
            int back = batch.get(0).remote();
            for (int i = 0; i < 3; i++) {
                assertTrue(far.send(batch.get(i), back));
            }
            batch.clear();
            far.flush();
            byte[] got = new byte[16];
            for (int i = 0; i < 3; i++) {
                assertEquals(2, cable[0].receive(got, 10, TimeUnit.SECONDS), "the worker was woken by the transport");
                assertEquals(i, got[0]);
            }
        } finally {
            assertTrue(worker.stopAndJoin(10, TimeUnit.SECONDS), "the worker stops");
            worker.close();
            near.close();
            far.close();
            cable[0].close();
            cable[1].close();
        }
        assertEquals(0, pool.outstanding());
        assertEquals(0, app.outstanding());
        assertEquals(0, farPool.outstanding());
        assertEquals(0, worker.sourceErrors());
    }

    @Test
    void whatTheWorkerCannotDeliverIsCountedNotLost() throws Exception {
        MemoryNetwork net = new MemoryNetwork(2, 16);
        MemoryTransport far = net.bind(FAR, null, 1)[0];
        MemoryTransport near = net.bind(NEAR, null, 1)[0];
        VirtualLink[] cable = VirtualLink.pair("app", 1500, 64);
        PacketPool pool = new PacketPool("worker", 64);
        PacketPool app = new PacketPool("app", 64);
        Graph graph = bridge(near.handleOf(FAR));
        Worker worker = new Worker(0, "in-memory", graph, pool, 16);
        worker.addLink(cable[1], "from-link");
        worker.addTransport(near, "from-net");
        worker.start();
        try {
            for (int i = 0; i < 5; i++) {
                assertTrue(cable[0].send(new byte[] {(byte) i}, 0, 1, app));
            }
            // The far end never reads: its queue of two fills, the rest are counted as it refuses them.
            CountDown.until(() -> far.pending() + far.drops().get(TransportDrops.RECEIVE_QUEUE_FULL) == 5);
            assertEquals(2, far.pending());
            assertEquals(3, far.drops().get(TransportDrops.RECEIVE_QUEUE_FULL));
            assertEquals(5, graph.counters("to-net").delivered());
        } finally {
            assertTrue(worker.stopAndJoin(10, TimeUnit.SECONDS));
            worker.close();
            far.close();
            near.close();
            cable[0].close();
            cable[1].close();
        }
        assertEquals(0, pool.outstanding(), "closing the far end released what it held");
        assertEquals(0, app.outstanding());
    }

    @Test
    void aSourceThatNeitherPollsNorSignalsIsRefused() throws Exception {
        Worker worker = new Worker(0, "refuses", bridge(0), new PacketPool("p", 4), 4);
        Link silent = new Link() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public int mtu() {
                return 1500;
            }

            @Override
            public int read(PacketBatch into, PacketPool pool) {
                return 0;
            }

            @Override
            public boolean write(Packet packet) {
                return false;
            }

            @Override
            public void close() {
            }
        };
        try {
            assertThrows(IllegalArgumentException.class, () -> worker.addLink(silent, "from-link"));
        } finally {
            worker.close();
        }
    }

    /** Waits, without a fixed sleep, for a condition the worker makes true; fails after a bound. */
    private static final class CountDown {
        static void until(BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("condition not reached within 10 s");
                }
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }
}
