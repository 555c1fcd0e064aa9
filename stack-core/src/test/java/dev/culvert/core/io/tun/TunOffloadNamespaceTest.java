package dev.culvert.core.io.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.PassThroughNode;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A TCP stream between two namespaces through two pass-through nodes whose TUN devices have
 * offloads (or, as before, none). With offloads the sending kernel hands its node 64 KiB
 * super-packets; the node cuts them, the receiving kernel checks every segment's checksums, and
 * the stream arrives whole and in order, its CRC the sender's; the receiving node joins the
 * segments again for its kernel. The nodes' counters show that super-packets were cut and
 * joined, so the test proves the offload path ran, not only that bytes crossed.
 */
class TunOffloadNamespaceTest {
    private static final int BYTES = 8 << 20;

    @ParameterizedTest(name = "offloads {0}, over IPv{1} inside")
    @CsvSource({"on, 4", "on, 6", "off, 4"})
    void aTcpStreamCrossesWholeAndSuperPacketsAreCutOnTheWay(String offloads, int insideVersion) throws Exception {
        boolean v6 = insideVersion == 6;
        String addrA = v6 ? "fd00:9::1/64" : "10.9.0.1/24";
        String addrB = v6 ? "fd00:9::2/64" : "10.9.0.2/24";
        String serverAddress = v6 ? "fd00:9::2" : "10.9.0.2";
        try (NetnsHarness harness = NetnsHarness.open()) {
            String a = harness.namespace("a");
            String b = harness.namespace("b");
            harness.veth(a, "va", "192.0.2.1/24", b, "vb", "192.0.2.2/24");
            NodeProcess nodeB = harness.startJava(b, "node-b", PassThroughNode.class.getName(), "--tun", "cv0", "--addr", addrB,
                    "--local", "192.0.2.2:51194", "--remote", "192.0.2.1:51194", "--workers", "1", "--seconds", "60", "--offloads", offloads);
            NodeProcess nodeA = harness.startJava(a, "node-a", PassThroughNode.class.getName(), "--tun", "cv0", "--addr", addrA,
                    "--local", "192.0.2.1:51194", "--remote", "192.0.2.2:51194", "--workers", "1", "--seconds", "60", "--offloads", offloads);
            nodeA.awaitLine("READY", 30, TimeUnit.SECONDS);
            nodeB.awaitLine("READY", 30, TimeUnit.SECONDS);
            if (v6) {
                // Duplicate address detection would hold the addresses back for a second or two.
                harness.exec(a, "ip", "-6", "addr", "change", addrA, "dev", "cv0", "nodad");
                harness.exec(b, "ip", "-6", "addr", "change", addrB, "dev", "cv0", "nodad");
            }

            ServerSocket server = harness.inNamespace(b, () -> new ServerSocket(5001, 1, java.net.InetAddress.getByName(serverAddress)));
            CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> readAll(server));
            long sent;
            try (Socket client = harness.inNamespace(a, () -> {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(serverAddress, 5001), 10_000);
                return s;
            })) {
                sent = writeAll(client.getOutputStream());
                client.shutdownOutput();
                assertEquals(sent, received.get(30, TimeUnit.SECONDS), "the receiver's CRC of " + BYTES + " bytes is the sender's");
            } finally {
                server.close();
            }

            Map<String, Long> statsA = stats(nodeA.awaitLine("STATS after the stream",
                    line -> line.startsWith("STATS ") && stats(line).get("tun.read") > BYTES / 65536, 10, TimeUnit.SECONDS));
            Map<String, Long> statsB = stats(nodeB.awaitLine("STATS after the stream",
                    line -> line.startsWith("STATS ") && stats(line).get("tun.written") > BYTES / 65536, 10, TimeUnit.SECONDS));
            assertEquals(0L, statsA.get("tun.drops"), "nothing dropped at the device: " + statsA);
            assertEquals(0L, statsB.get("tun.drops"), "nothing dropped at the device: " + statsB);
            String status = nodeA.awaitLine("the queue's status line", line -> line.startsWith("LINK "), 10, TimeUnit.SECONDS);
            if (offloads.equals("on")) {
                assertTrue(status.contains("offloads csum tso4 tso6"), "the status names what the kernel took: " + status);
                assertTrue(statsA.get("tun.super") > 0, "the sending kernel handed over super-packets, and they were cut: " + statsA);
                assertTrue(statsA.get("tun.segments") > statsA.get("tun.super"), statsA.toString());
                assertTrue(statsB.get("tun.super-written") > 0, "the receiving node joined segments for its kernel: " + statsB);
            } else {
                assertTrue(status.endsWith("offloads off"), status);
                assertEquals(0L, statsA.get("tun.super"), "without offloads every read is one packet: " + statsA);
                assertEquals(0L, statsB.get("tun.super-written"), statsB.toString());
            }
        }
    }

    private static long writeAll(OutputStream out) throws java.io.IOException {
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[256 * 1024];
        for (int written = 0; written < BYTES; written += chunk.length) {
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) ((written + i) * 31 + ((written + i) >>> 11));
            }
            crc.update(chunk);
            out.write(chunk);
        }
        out.flush();
        return crc.getValue();
    }

    private static long readAll(ServerSocket server) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(20_000);
            InputStream in = new DataInputStream(s.getInputStream());
            CRC32 crc = new CRC32();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
                total += n;
            }
            assertEquals(BYTES, total, "every byte arrived");
            return crc.getValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Long> stats(String line) {
        return PassThroughNode.parseStats(line);
    }
}
