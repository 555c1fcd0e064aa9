package dev.culvert.core.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.Emitter;
import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.Node;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.io.transport.TcpTransport;
import dev.culvert.core.io.transport.TcpTransportFactory;
import dev.culvert.core.io.transport.UdpTransport;
import dev.culvert.core.io.transport.UdpTransportFactory;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One worker serves several endpoints at once, UDP and TCP, each answering through itself. */
class MultiEndpointWorkerTest {

    /** Records each packet's ingress and passes it on. */
    private static final class RecordIngress implements Node {
        final ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();

        @Override
        public void process(PacketBatch batch, Emitter out) {
            for (int i = 0; i < batch.size(); i++) {
                seen.add(batch.get(i).ingress());
                out.forward(batch.get(i));
            }
        }
    }

    @Test
    void oneWorkerEchoesOnTwoUdpEndpointsAndATcpEndpoint() throws Exception {
        RecordIngress udpA = new RecordIngress();
        RecordIngress udpB = new RecordIngress();
        RecordIngress tcp = new RecordIngress();
        Graph graph = Graph.builder()
                .node("from-a", udpA).node("to-a", new TransportSink(0)).wire("from-a", "to-a")
                .node("from-b", udpB).node("to-b", new TransportSink(1)).wire("from-b", "to-b")
                .node("from-tcp", tcp).node("to-tcp", new TransportSink(2)).wire("from-tcp", "to-tcp")
                .build();
        PacketPool pool = new PacketPool("multi", 256);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        UdpTransport a = new UdpTransportFactory().open(loopback, null, 1)[0];
        UdpTransport b = new UdpTransportFactory().open(loopback, null, 1)[0];
        TcpTransport t = new TcpTransportFactory().open(loopback, null, 1)[0];
        Worker worker = new Worker(0, "multi", graph, pool, 64);
        worker.addTransport(a, "from-a");
        worker.addTransport(b, "from-b");
        worker.addTransport(t, "from-tcp");
        worker.start();
        try (DatagramSocket client = new DatagramSocket(loopback);
             Socket stream = new Socket(InetAddress.getLoopbackAddress(), t.localAddress().getPort())) {
            client.setSoTimeout(2000);
            stream.setSoTimeout(2000);
            // The echo answers a peer: both UDP endpoints have learned the client's address.
            a.handleOf((InetSocketAddress) client.getLocalSocketAddress());
            b.handleOf((InetSocketAddress) client.getLocalSocketAddress());
            for (UdpTransport endpoint : new UdpTransport[] {a, b}) {
                byte[] hello = ("to " + endpoint.localAddress().getPort()).getBytes();
                client.send(new DatagramPacket(hello, hello.length, endpoint.localAddress()));
                DatagramPacket reply = new DatagramPacket(new byte[100], 100);
                client.receive(reply);
                assertEquals(endpoint.localAddress(), reply.getSocketAddress(), "answered through the endpoint it reached");
                assertArrayEquals(hello, java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
            }
            DataOutputStream out = new DataOutputStream(stream.getOutputStream());
            out.writeShort(3);
            out.write(new byte[] {1, 2, 3});
            out.flush();
            DataInputStream in = new DataInputStream(stream.getInputStream());
            assertEquals(3, in.readUnsignedShort());
            assertArrayEquals(new byte[] {1, 2, 3}, in.readNBytes(3));
            assertEquals(java.util.List.of(0), java.util.List.copyOf(udpA.seen), "ingress is the source number");
            assertEquals(java.util.List.of(1), java.util.List.copyOf(udpB.seen));
            assertEquals(java.util.List.of(2), java.util.List.copyOf(tcp.seen));
        } finally {
            assertTrue(worker.stopAndJoin(5, TimeUnit.SECONDS));
            worker.close();
            a.close();
            b.close();
            t.close();
        }
        assertEquals(0, pool.outstanding());
    }
}
