package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.Prerequisites;
import dev.culvert.testing.pki.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A full mesh of four Culvert nodes, each in its own namespace with a LAN (a veth pair,
 * 192.168.N.0/24) behind it, all on one underlay bridge, declared by one peers file that every
 * node shares; and a stock OpenVPN 2.6 point-to-point client attached to node m1 as a leaf.
 * Every pair pings LAN to LAN; a killed node's LAN fails fast (ICMP unreachable) while the others
 * keep their tunnels; once it restarts every pair works again within a keepalive; the stock leaf
 * reaches LANs behind other nodes through m1; a node whose line leaves the shared peers file is
 * dropped and refused by name by the others, and welcomed back when the line returns.
 */
class MeshIT {
    private static final int NODES = 4;
    /** keepalive 1 5: a dead peer is noticed within 5 s. */
    private static final int PING_RESTART_SECONDS = 5;
    static NetnsHarness net;
    static InteropPki pki;
    static Path work;
    static final String[] ns = new String[NODES + 1];
    static String leafNs;
    static final NodeProcess[] nodes = new NodeProcess[NODES + 1];
    static NodeProcess leaf;

    @BeforeAll
    static void network() throws Exception {
        Prerequisites.require();
        InteropSupport.requireOpenvpn();
        net = NetnsHarness.open();
        String sw = net.namespace("mesh-sw");
        net.ip("-n", sw, "link", "add", "br0", "type", "bridge");
        net.ip("-n", sw, "link", "set", "br0", "up");
        for (int i = 1; i <= NODES; i++) {
            ns[i] = net.namespace("mesh" + i);
            attach(sw, ns[i], i, "192.0.2." + (10 + i) + "/24");
            // The LAN: a veth pair inside the node's namespace (this kernel may lack dummy devices), its address on lan0.
            net.ip("-n", ns[i], "link", "add", "lan0", "type", "veth", "peer", "name", "lan1");
            net.addAddress(ns[i], "lan0", "192.168." + i + ".1/24");
            net.ip("-n", ns[i], "link", "set", "lan0", "up");
            net.ip("-n", ns[i], "link", "set", "lan1", "up");
        }
        leafNs = net.namespace("mesh-leaf");
        attach(sw, leafNs, 9, "192.0.2.20/24");
        work = Files.createTempDirectory("culvert-mesh");
        pki = InteropPki.create(work);
        for (int i = 1; i <= NODES; i++) {
            pki.issue("m" + i, TestPki.Usage.NONE);
        }
        pki.issue("leaf", TestPki.Usage.NONE);
    }

    private static void attach(String sw, String node, int port, String cidr) throws IOException {
        net.ip("-n", node, "link", "add", "ul0", "type", "veth", "peer", "name", "p" + port, "netns", sw);
        net.addAddress(node, "ul0", cidr);
        net.ip("-n", node, "link", "set", "ul0", "up");
        net.ip("-n", sw, "link", "set", "p" + port, "master", "br0", "up");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (NodeProcess p : nodes) {
            InteropSupport.stop(p);
        }
        InteropSupport.stop(leaf);
        InteropSupport.cleanUp(net, work);
    }

    @Test
    void fourNodesPingAcrossTheMeshSurviveALossRejoinAndCarryAStockLeaf() throws Exception {
        Path peers = work.resolve("mesh-peers");
        List<String> lines = new ArrayList<>(List.of("# the whole mesh: every node reads the same file"));
        for (int i = 1; i <= NODES; i++) {
            lines.add("culvert-mesh-peer m" + i + " 192.0.2." + (10 + i) + ":1194 10.99.0." + i + "/32 192.168." + i + ".0/24"
                    + (i == 1 ? " 10.99.0.101/32" : ""));
        }
        Files.write(peers, lines);
        for (int i = 1; i <= NODES; i++) {
            nodes[i] = startNode(i, peers);
        }
        for (int i = 1; i <= NODES; i++) {
            nodes[i].awaitLine("node m" + i + " started", l -> l.contains("Initialization Sequence Completed"), 60, TimeUnit.SECONDS);
            net.requireNoForwarding(ns[i]);
        }
        long formed = System.nanoTime();
        awaitAllPairs(List.of(1, 2, 3, 4), 60);
        System.out.printf("mesh formed: every pair pings after %.1f s%n", (System.nanoTime() - formed) / 1e9);
        assertAllPairsPing(List.of(1, 2, 3, 4));

        // The stock 2.6 leaf, a p2p tls-client of m1, reaches the LANs behind m2 and m4 through m1.
        leaf = startLeaf();
        leaf.awaitLine("the stock leaf connected", l -> l.contains("Initialization Sequence Completed"), 60, TimeUnit.SECONDS);
        for (int target : new int[] {2, 4}) {
            String out = awaitPing(leafNs, null, "192.168." + target + ".1", 30);
            assertTrue(out.contains(" 0% packet loss"), "the leaf reaches m" + target + "'s LAN through m1:\n" + out);
        }

        // m3 dies without a word: the others keep their tunnels, and its LAN fails fast.
        nodes[3].process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertAllPairsPing(List.of(1, 2, 4));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PING_RESTART_SECONDS * 3L);
        String unreachable = "";
        while (System.nanoTime() < deadline && !unreachable.contains("Unreachable")) {
            unreachable = pingOutput(ns[1], "192.168.1.1", "192.168.3.1", 1, 3);
        }
        assertTrue(unreachable.contains("Unreachable"), "m3's LAN is answered with ICMP unreachable once m1 saw it die:\n" + unreachable
                + "\n" + String.join("\n", nodes[1].lines()));
        assertAllPairsPing(List.of(1, 2, 4));

        // m3 comes back: every pair works again within a keepalive's restart period or two.
        nodes[3] = startNode(3, peers);
        nodes[3].awaitLine("node m3 restarted", l -> l.contains("Initialization Sequence Completed"), 60, TimeUnit.SECONDS);
        long rejoin = System.nanoTime();
        awaitAllPairs(List.of(1, 2, 3, 4), PING_RESTART_SECONDS * 3);
        System.out.printf("m3 rejoined: every pair pings %.1f s after it started%n", (System.nanoTime() - rejoin) / 1e9);
        assertAllPairsPing(List.of(1, 2, 3, 4));
        String out = awaitPing(leafNs, null, "192.168.3.1", 10);
        assertTrue(out.contains(" 0% packet loss"), "the leaf reaches the rejoined m3's LAN:\n" + out);

        // m4's line leaves the shared peers file: the others drop it, route nothing to it, and refuse its sessions by name.
        List<String> withoutM4 = lines.stream().filter(l -> !l.startsWith("culvert-mesh-peer m4 ")).toList();
        Files.write(peers, withoutM4);
        for (int i = 1; i <= 3; i++) {
            nodes[i].awaitLine("m" + i + " dropped m4", l -> l.contains("mesh peer m4 removed"), 15, TimeUnit.SECONDS);
        }
        String gone = pingOutput(ns[1], "192.168.1.1", "192.168.4.1", 1, 2);
        assertFalse(gone.contains(" 0% packet loss"), "m4's LAN is no longer routed from m1:\n" + gone);
        nodes[1].awaitLine("m1 refuses m4 by name", l -> l.contains("refusing the mesh session") && l.contains("'m4' is not a peer"),
                30, TimeUnit.SECONDS);
        awaitAllPairs(List.of(1, 2, 3), 10);

        // Back in the file: every pair works again, m4 included.
        Files.write(peers, lines);
        long back = System.nanoTime();
        awaitAllPairs(List.of(1, 2, 3, 4), PING_RESTART_SECONDS * 4);
        System.out.printf("m4 back in the peers file: every pair pings after %.1f s%n", (System.nanoTime() - back) / 1e9);
    }

    private static NodeProcess startNode(int i, Path peers) throws IOException {
        List<String> conf = new ArrayList<>(List.of("dev tun", "proto udp", "ca " + pki.file("ca.crt"), "cert " + pki.file("m" + i + ".crt"),
                "key " + pki.file("m" + i + ".key"), "tls-crypt " + pki.file("tc.key"), "keepalive 1 " + PING_RESTART_SECONDS, "verb 3",
                "ifconfig 10.99.0." + i + " 255.255.255.0", "culvert-mesh-peers " + peers, "culvert-workers 1"));
        if (i == 1) {
            conf.add("culvert-mesh-peer leaf * 10.99.0.101/32");
        }
        Path file = work.resolve("m" + i + ".conf");
        Files.write(file, conf);
        return InteropSupport.culvert(net, ns[i], "mesh-m" + i + "-" + System.nanoTime(), file, work);
    }

    private static NodeProcess startLeaf() throws IOException {
        Path file = work.resolve("leaf.conf");
        Files.write(file, List.of("dev tun", "proto udp", "tls-client", "remote 192.0.2.11 1194", "nobind", "ca " + pki.file("ca.crt"),
                "cert " + pki.file("leaf.crt"), "key " + pki.file("leaf.key"), "tls-crypt " + pki.file("tc.key"), "keepalive 1 5",
                "ifconfig 10.99.0.101 10.99.0.1", "route 192.168.2.0 255.255.255.0", "route 192.168.3.0 255.255.255.0",
                "route 192.168.4.0 255.255.255.0", "verb 3"));
        return net.startProgram(leafNs, "openvpn-leaf", Map.of(), "openvpn", "--config", file.toString());
    }

    /** Waits until every ordered pair of {@code members} has pinged LAN to LAN once. */
    private static void awaitAllPairs(List<Integer> members, int seconds) throws Exception {
        for (int a : members) {
            for (int b : members) {
                if (a != b) {
                    String out = awaitPing(ns[a], "192.168." + a + ".1", "192.168." + b + ".1", seconds);
                    if (!out.contains(" 0% packet loss")) {
                        fail("m" + a + " never reached m" + b + "'s LAN in " + seconds + " s:\n" + out + "\n--- m" + a + ":\n"
                                + String.join("\n", nodes[a].lines()) + "\n--- m" + b + ":\n" + String.join("\n", nodes[b].lines()));
                    }
                }
            }
        }
    }

    /** Every ordered pair pings 5 times LAN to LAN, at once, none lost. */
    private static void assertAllPairsPing(List<Integer> members) throws IOException {
        for (int a : members) {
            for (int b : members) {
                if (a != b) {
                    String out = pingOutput(ns[a], "192.168." + a + ".1", "192.168." + b + ".1", 5, 2);
                    assertTrue(out.contains("5 packets transmitted, 5 received"), "m" + a + " -> m" + b + "'s LAN:\n" + out);
                }
            }
        }
    }

    private static String awaitPing(String from, String source, String target, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String out = "";
        while (System.nanoTime() < deadline) {
            out = pingOutput(from, source, target, 2, 1);
            if (out.contains(" 0% packet loss")) {
                return out;
            }
            Thread.sleep(300);
        }
        return out;
    }

    private static String pingOutput(String from, String source, String target, int count, int waitSeconds) throws IOException {
        List<String> command = new ArrayList<>(List.of("ping", "-n", "-c", String.valueOf(count), "-i", "0.2", "-W", String.valueOf(waitSeconds)));
        if (source != null) {
            command.addAll(List.of("-I", source));
        }
        command.add(target);
        try {
            return net.exec(from, command.toArray(String[]::new));
        } catch (IOException e) {
            return e.getMessage(); // ping exits non-zero when a reply is missing; its output is in the message
        }
    }
}
