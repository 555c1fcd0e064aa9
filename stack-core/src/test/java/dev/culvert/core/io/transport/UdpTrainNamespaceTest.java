package dev.culvert.core.io.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.testing.netns.NetnsHarness;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * UDP GSO trains over a veth pair between two namespaces, to a plain socket that knows nothing of
 * trains: it gets the datagrams one by one, as a stock peer would. Where the route cannot take a
 * train (datagrams above the link's MTU, which the kernel does not cut trains to), the transport
 * sends that train again datagram by datagram and keeps trains for the datagrams that fit.
 */
class UdpTrainNamespaceTest {
    private final PacketPool pool = new PacketPool("udp-train-test", 256);

    @Test
    void trainsArriveAsPlainDatagramsAndARefusedTrainIsSentDatagramByDatagram() throws Exception {
        try (NetnsHarness harness = NetnsHarness.open()) {
            String a = harness.namespace("a");
            String b = harness.namespace("b");
            harness.veth(a, "va", "192.0.2.1/24", b, "vb", "192.0.2.2/24");
            harness.exec(a, "ip", "link", "set", "va", "mtu", "1280");
            harness.exec(b, "ip", "link", "set", "vb", "mtu", "1280");
            DatagramSocket receiver = harness.inNamespace(b, () -> new DatagramSocket(new InetSocketAddress("192.0.2.2", 0)));
            UdpTransport sender = harness.inNamespace(a,
                    () -> new UdpTransportFactory().open(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 0), null, 1)[0]);
            try {
                receiver.setReceiveBufferSize(1 << 20);
                receiver.setSoTimeout(5000);
                int to = sender.handleOf(new InetSocketAddress("192.0.2.2", receiver.getLocalPort()));
                assertTrue(sender.sendsTrains(), "this kernel has UDP GSO");
                // 20 datagrams too large for one frame (fragmented when sent one by one), then 40 that fit.
                int[] lengths = new int[60];
                for (int i = 0; i < lengths.length; i++) {
                    lengths[i] = i < 20 ? 1400 : 1000;
                    Packet p = pool.acquire();
                    byte[] payload = new byte[lengths[i]];
                    for (int k = 0; k < payload.length; k++) {
                        payload[k] = (byte) (i * 31 + k);
                    }
                    p.setContents(payload, 0, payload.length);
                    assertTrue(sender.send(p, to));
                }
                sender.flush();

                byte[] buffer = new byte[2048];
                for (int i = 0; i < lengths.length; i++) {
                    DatagramPacket d = new DatagramPacket(buffer, buffer.length);
                    receiver.receive(d);
                    assertEquals(lengths[i], d.getLength(), "datagram " + i + " arrived whole, in order");
                    for (int k = 0; k < d.getLength(); k++) {
                        assertEquals((byte) (i * 31 + k), buffer[k], "datagram " + i + " byte " + k);
                    }
                }
                assertEquals(60, sender.sentPackets());
                assertEquals(1, sender.trainsResent(), "the train above the MTU was refused and sent again");
                assertEquals(1, sender.trainsSent(), "the 40 that fit still left as a train");
                assertEquals(40, sender.trainDatagramsSent());
                assertTrue(sender.sendsTrains());
                assertEquals(0, sender.drops().total(), "nothing dropped");
                assertTrue(sender.status().contains("trains (UDP GSO) on; trains sent 1 carrying 40 of 60 datagrams, 1 refused by the route and sent"
                        + " again one by one;"), sender.status());
                assertEquals(0, pool.outstanding());
            } finally {
                receiver.close();
                sender.close();
            }
        }
    }

    @Test
    void aTrainCrossesTheVethWholeToASocketThatAsksForUdpGro() throws Exception {
        try (NetnsHarness harness = NetnsHarness.open()) {
            String a = harness.namespace("a");
            String b = harness.namespace("b");
            harness.veth(a, "va", "192.0.2.1/24", b, "vb", "192.0.2.2/24");
            UdpTransport sender = harness.inNamespace(a,
                    () -> new UdpTransportFactory().open(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 0), null, 1)[0]);
            UdpTransport receiver = harness.inNamespace(b,
                    () -> new UdpTransportFactory().open(new InetSocketAddress(InetAddress.getByName("192.0.2.2"), 0), null, 1)[0]);
            try {
                assertTrue(receiver.receivesJoined(), "this kernel has UDP GRO");
                int to = sender.handleOf(receiver.localAddress());
                for (int i = 0; i < 30; i++) {
                    Packet p = pool.acquire();
                    byte[] payload = new byte[1200];
                    for (int k = 0; k < payload.length; k++) {
                        payload[k] = (byte) (i * 13 + k);
                    }
                    p.setContents(payload, 0, payload.length);
                    assertTrue(sender.send(p, to));
                }
                sender.flush();
                PacketBatch batch = new PacketBatch();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (batch.size() < 30 && System.nanoTime() < deadline) {
                    if (receiver.receive(batch, pool) == 0) {
                        Thread.sleep(1);
                    }
                }
                assertEquals(30, batch.size());
                for (int i = 0; i < 30; i++) {
                    byte[] got = batch.get(i).toByteArray();
                    assertEquals(1200, got.length);
                    for (int k = 0; k < got.length; k++) {
                        assertEquals((byte) (i * 13 + k), got[k], "datagram " + i + " byte " + k);
                    }
                    assertEquals(new InetSocketAddress("192.0.2.1", sender.localAddress().getPort()),
                            batch.get(i).remoteAddress().toInetSocketAddress(), "each datagram carries the sender's address");
                }
                batch.releaseAll();
                assertEquals(1, sender.trainsSent());
                assertEquals(1, receiver.joinedReceived(), "the veth carried the train whole, and the socket got it as one buffer");
                assertEquals(30, receiver.joinedDatagramsReceived());
                assertEquals(0, receiver.drops().total());
                assertEquals(0, pool.outstanding());
            } finally {
                receiver.close();
                sender.close();
            }
        }
    }
}
