package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.Graph;
import dev.culvert.core.link.LinkSink;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.io.transport.UdpTransport;
import dev.culvert.core.io.transport.UdpTransportFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A sink pointing at a link or transport the worker does not have drops, counted, and leaks nothing. */
class SinkWiringTest {

    @Test
    void aSinkWithoutItsTargetDropsWithAReason() throws Exception {
        Graph graph = Graph.builder()
                .node("from-udp", new WorkerFixtures.Pass())
                .node("split", new OwnerHandoff(flow -> 0))
                .node("to-tun", LinkSink.ofWorker(0))
                .node("to-udp-5", new TransportSink(5))
                .wire("from-udp", "split")
                .wire("split", "owned", "to-tun")
                .build();
        Graph second = Graph.builder()
                .node("from-udp", new WorkerFixtures.Pass())
                .node("to-udp-5", new TransportSink(5))
                .wire("from-udp", "to-udp-5")
                .build();
        for (Graph g : new Graph[] {graph, second}) {
            PacketPool pool = new PacketPool("sinks", 64);
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            UdpTransport udp = new UdpTransportFactory().open(loopback, null, 1)[0];
            Worker worker = new Worker(0, "sinks", g, pool, 16);
            worker.addTransport(udp, "from-udp");
            worker.start();
            try (DatagramSocket client = new DatagramSocket(loopback)) {
                client.send(new DatagramPacket(new byte[10], 10, udp.localAddress()));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (g.dropsTotal() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            } finally {
                assertTrue(worker.stopAndJoin(5, TimeUnit.SECONDS));
                worker.close();
                udp.close();
            }
            if (g == graph) {
                assertEquals(1, g.counters("to-tun").drops(LinkSink.NO_SUCH_LINK));
            } else {
                assertEquals(1, g.counters("to-udp-5").drops(TransportSink.NO_SUCH_TRANSPORT));
            }
            assertEquals(0, pool.outstanding());
        }
    }
}
