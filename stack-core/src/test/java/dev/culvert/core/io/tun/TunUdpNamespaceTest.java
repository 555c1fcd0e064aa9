package dev.culvert.core.io.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.PassThroughNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two pass-through nodes with real multi-queue TUN devices in two namespaces joined by a veth
 * pair: an application's datagram enters the TUN device on one side, crosses the stack and a UDP
 * socket (or a TCP connection), comes out of the other node's TUN device, and its echo takes the
 * same way back. The outer network is IPv4 or IPv6.
 */
class TunUdpNamespaceTest {
    private static final int ROUNDS = 50;

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({
        "udp, 192.0.2.1, 192.0.2.2, 24, udp, udp",
        "udp, 2001:db8::1, 2001:db8::2, 64, udp, udp",
        "tcp, 198.51.100.1, 198.51.100.2, 24, tcp-client, tcp-server",
        "tcp, 2001:db8::1, 2001:db8::2, 64, tcp-client, tcp-server",
    })
    void datagramsCrossTunAndTheTransportBothWays(String transport, String outerA, String outerB, int prefix, String protoA,
            String protoB) throws Exception {
        try (NetnsHarness harness = NetnsHarness.open()) {
            String a = harness.namespace("a");
            String b = harness.namespace("b");
            harness.veth(a, "va", outerA + "/" + prefix, b, "vb", outerB + "/" + prefix);
            // B listens first when it is a TCP server; A connects to it.
            NodeProcess nodeB = harness.startJava(b, "node-b", PassThroughNode.class.getName(), "--tun", "cv0", "--addr",
                    "10.9.0.2/24", "--local", "[" + outerB + "]:51194", "--remote", "[" + outerA + "]:51194", "--workers", "2",
                    "--seconds", "60", "--proto", protoB);
            nodeB.awaitLine("READY", 30, TimeUnit.SECONDS);
            NodeProcess nodeA = harness.startJava(a, "node-a", PassThroughNode.class.getName(), "--tun", "cv0", "--addr",
                    "10.9.0.1/24", "--local", "[" + outerA + "]:51194", "--remote", "[" + outerB + "]:51194", "--workers", "2",
                    "--seconds", "60", "--proto", protoA);
            nodeA.awaitLine("READY", 30, TimeUnit.SECONDS);
            nodeB.awaitLine("READY", 30, TimeUnit.SECONDS);
            // Multi-queue: the kernel shows one device with two queues.
            String link = harness.exec(a, "ip", "-d", "link", "show", "cv0");
            assertTrue(link.contains("multi_queue"), link);

            DatagramSocket echo = harness.inNamespace(b, () -> new DatagramSocket(new InetSocketAddress("10.9.0.2", 7777)));
            DatagramSocket client = harness.inNamespace(a, () -> new DatagramSocket(new InetSocketAddress("10.9.0.1", 0)));
            Thread echoer = new Thread(() -> serveEcho(echo), "echo");
            echoer.setDaemon(true);
            echoer.start();
            try {
                client.setSoTimeout(1000);
                int answered = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    byte[] payload = ("culvert round " + round).getBytes(StandardCharsets.US_ASCII);
                    if (exchange(client, payload)) {
                        answered++;
                    }
                }
                assertEquals(ROUNDS, answered, "every datagram came back through both tunnels");
            } finally {
                echo.close();
                client.close();
            }
            // Each node prints its counters every half second: wait for a line that has counted all
            // the rounds (each side read, sent, received and wrote them), not for a fixed time.
            Map<String, Long> statsA = stats(nodeA.awaitLine("STATS line counting " + ROUNDS + " rounds each way",
                    line -> line.startsWith("STATS ") && countedEachWay(stats(line)), 10, TimeUnit.SECONDS));
            Map<String, Long> statsB = stats(nodeB.awaitLine("STATS line counting " + ROUNDS + " rounds each way",
                    line -> line.startsWith("STATS ") && countedEachWay(stats(line)), 10, TimeUnit.SECONDS));
            assertTrue(statsA.get("tun.read") >= ROUNDS && statsA.get("net.sent") >= ROUNDS, "node a: " + statsA);
            assertTrue(statsB.get("net.received") >= ROUNDS && statsB.get("tun.written") >= ROUNDS, "node b: " + statsB);
            assertTrue(statsB.get("tun.read") >= ROUNDS && statsA.get("tun.written") >= ROUNDS, "echoes: " + statsA + " " + statsB);
        }
    }

    /** Sends one datagram and waits for its echo, retrying a lost one (the first may wait for ARP). */
    private static boolean exchange(DatagramSocket client, byte[] payload) throws Exception {
        DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
        for (int attempt = 0; attempt < 3; attempt++) {
            client.send(new DatagramPacket(payload, payload.length, InetAddress.getByName("10.9.0.2"), 7777));
            try {
                client.receive(reply);
                byte[] got = java.util.Arrays.copyOf(reply.getData(), reply.getLength());
                assertArrayEquals(payload, got);
                return true;
            } catch (SocketTimeoutException lost) {
                // try again
            }
        }
        return false;
    }

    private static void serveEcho(DatagramSocket socket) {
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        try {
            while (!socket.isClosed()) {
                packet.setLength(1500);
                socket.receive(packet);
                socket.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
            }
        } catch (java.io.IOException closed) {
            // the test closed the socket
        }
    }

    /** A node that carried every round out and every echo back has counted each at every stage. */
    private static boolean countedEachWay(Map<String, Long> stats) {
        return stats.get("tun.read") >= ROUNDS && stats.get("net.sent") >= ROUNDS && stats.get("net.received") >= ROUNDS
                && stats.get("tun.written") >= ROUNDS;
    }

    private static Map<String, Long> stats(String line) {
        return PassThroughNode.parseStats(line);
    }
}
