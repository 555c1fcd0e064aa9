package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SSL backends swapped by the operator on a live tunnel, end to end: a Culvert server and a
 * Culvert client, each {@code bin/culvert --config ... --shell} in its own namespace, and a UDP
 * stream with sequence numbers through the tunnel at 20,000 datagrams a second (slower only if
 * the tunnel cannot keep up on a busy machine: the achieved rate is printed). The operator
 * types {@code culvert:swap aead conscrypt} and {@code culvert:swap aead jce} into both nodes'
 * shells, 20 times each way, and {@code culvert:sessions} shows each swap reached the session:
 * the stream loses, reorders and duplicates nothing. Then {@code culvert:swap tls bc} on both
 * (Conscrypt is the TLS default), and the server's next renegotiation ({@code reneg-sec}) makes a
 * key by BouncyCastle; then {@code culvert:swap tls conscrypt}, and the next one a key by
 * Conscrypt again. {@code culvert:sessions} names each on both sides, and no datagram is lost.
 */
class SslSwapIT {
    static final int PORT = 1451;
    static final int STREAM_PORT = 7000;
    static final int RATE = 20_000;
    static final int SWAPS = 20;
    static final int RENEG_SECONDS = 10;
    static LaunchedNodes nodes;

    @BeforeAll
    static void network() throws Exception {
        nodes = LaunchedNodes.open("swap");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aeadSwapsAndATlsSwapWithARenegotiationReachTheLiveTunnelAndLoseNothing() throws Exception {
        Path serverConf = nodes.serverConf(PORT, "-swap", List.of("reneg-sec " + RENEG_SECONDS, "keepalive 2 30"));
        GogoConsole server = new GogoConsole(nodes.startWithShell(nodes.serverNs(), serverConf, "server"));
        awaitLine(server.node(), "Initialization Sequence Completed");
        GogoConsole client = new GogoConsole(nodes.startWithShell(nodes.clientNs(), nodes.culvertClientConf(PORT, List.of()), "client"));
        awaitLine(client.node(), "Initialization Sequence Completed");
        // The kernel holds what the stream's sender writes until the Culvert client reads it from
        // tun0: its default 500 datagrams are 25 ms at 20,000 a second, less than a pause of a JVM
        // on a busy machine; the stream keeps fewer in flight than this, so a loss is Culvert's.
        nodes.net().exec(nodes.clientNs(), "ip", "link", "set", "dev", "tun0", "txqueuelen", "20000");
        List<GogoConsole> both = List.of(server, client);
        for (GogoConsole node : both) {
            KeyShown first = KeyShown.of(node);
            assertEquals("conscrypt", first.tls(), "the first key is made by the tls slot's default: " + first);
            assertEquals("jce", first.aead(), "the aead slot's default seals: " + first);
        }

        try (SequencedUdpStream stream = new SequencedUdpStream(nodes.net(), nodes.clientNs(), nodes.serverNs(),
                "10.8.0.1", STREAM_PORT, RATE)) {
            stream.awaitReceived(RATE);
            long swapsFrom = stream.sent();
            long started = System.nanoTime();
            // Each node's operator works at its own console, both at once.
            ExecutorService operators = Executors.newFixedThreadPool(both.size());
            try {
                List<Future<Void>> done = new ArrayList<>();
                for (GogoConsole node : both) {
                    done.add(operators.submit(() -> {
                        for (int i = 0; i < SWAPS; i++) {
                            for (String provider : List.of("conscrypt", "jce")) {
                                swapAndAwaitSealingWith(node, provider);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<Void> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                operators.shutdownNow();
            }
            long swapsTo = stream.sent();
            double seconds = (System.nanoTime() - started) / 1e9;

            int keyBefore = KeyShown.of(server).keyId();
            long renegotiationFrom = stream.sent();
            for (GogoConsole node : both) {
                swap(node, "tls", "bc");
            }
            KeyShown serverBcKey = awaitKeyBy(server, "bc");
            KeyShown clientBcKey = awaitKeyBy(client, "bc");
            for (GogoConsole node : both) {
                swap(node, "tls", "conscrypt");
            }
            KeyShown serverKey = awaitKeyBy(server, "conscrypt");
            KeyShown clientKey = awaitKeyBy(client, "conscrypt");
            stream.awaitReceived(stream.sent() + RATE);
            long renegotiationTo = stream.sent();
            stream.stopAndDrain();

            SequencedUdpStream.Span swaps = stream.span(swapsFrom, swapsTo);
            SequencedUdpStream.Span renegotiation = stream.span(renegotiationFrom, renegotiationTo);
            SequencedUdpStream.Span whole = stream.span(0, renegotiationTo);
            System.out.printf("aead swaps: %d each way on both nodes in %.1f s (%.0f datagrams/s): %s%n", SWAPS, seconds,
                    swaps.count() / seconds, swaps);
            System.out.println("tls swaps and renegotiations (key " + keyBefore + " -> bc: server " + serverBcKey + ", client " + clientBcKey
                    + " -> conscrypt: server " + serverKey + ", client " + clientKey + "): " + renegotiation);
            System.out.println("whole stream: " + whole);
            System.out.println("runs of lost datagrams (first+count@ms): " + stream.lossRuns(0, renegotiationTo, 40));
            System.out.printf("swaps from %d ms, tls swap from %d ms%n", swapsFrom * 1000 / RATE, renegotiationFrom * 1000 / RATE);
            printDiagnostics(both);
            String tun = nodes.net().exec(nodes.clientNs(), "cat", "/sys/class/net/tun0/statistics/tx_dropped").trim();
            assertEquals("0", tun, "the stream never overflowed the kernel's queue in front of the Culvert client");
            assertClean(swaps, "while the aead slot was swapped");
            assertClean(renegotiation, "through the tls swap and the renegotiation");
            assertClean(whole, "over the whole stream");
            assertTrue(serverKey.keyId() != keyBefore, "a renegotiation made a new key: " + serverKey);
        }
        NodeProcess clientNode = client.node();
        assertEquals(1, clientNode.lines().stream().filter(l -> l.contains("Initialization Sequence Completed")).count(),
                "the tunnel never went down (the client connected once): " + String.join("\n", clientNode.lines()));
        assertTrue(server.node().process().isAlive() && clientNode.process().isAlive(), "both nodes still run");
    }

    /** Where datagrams could have gone: each node's counters, and the kernel's drops on both tun0 and in UDP. */
    private static void printDiagnostics(List<GogoConsole> both) throws Exception {
        for (GogoConsole node : both) {
            List<String> status = node.run("culvert:status", l -> l.contains("native I/O"));
            System.out.println("--- " + node.node().label() + " culvert:status:\n" + String.join("\n", status));
        }
        for (String ns : List.of(nodes.serverNs(), nodes.clientNs())) {
            System.out.println("--- " + ns + ":\n" + nodes.net().exec(ns, "ip", "-s", "link", "show", "tun0")
                    + nodes.net().exec(ns, "sh", "-c", "grep -A1 '^Udp:' /proc/net/snmp"));
        }
    }

    private static void assertClean(SequencedUdpStream.Span span, String when) {
        assertEquals(0, span.lost(), "nothing lost " + when + ": " + span);
        assertEquals(0, span.reordered(), "nothing reordered " + when + ": " + span);
        assertEquals(0, span.duplicates(), "nothing decrypted twice " + when + ": " + span);
    }

    private static void swap(GogoConsole node, String slot, String provider) throws Exception {
        String answer = slot + " -> " + provider;
        List<String> lines = node.run("culvert:swap " + slot + " " + provider, l -> l.contains(answer) || l.contains("swap refused"));
        assertTrue(lines.stream().anyMatch(l -> l.contains(answer)), String.join("\n", lines));
    }

    /**
     * Swaps the aead slot and lists the sessions in one line typed into the shell, then polls
     * culvert:sessions (10 s at most) until the session's both AEAD contexts come from {@code provider}.
     */
    private static void swapAndAwaitSealingWith(GogoConsole node, String provider) throws Exception {
        String answer = "aead -> " + provider;
        // Gogo prints only a line's last result: echo prints the swap's answer before it.
        List<String> lines = node.run("echo (culvert:swap aead " + provider + "); culvert:sessions",
                l -> l.matches(".*\\d+ sessions?\\s*$") || l.contains("swap refused"));
        assertTrue(lines.stream().anyMatch(l -> l.contains(answer)), String.join("\n", lines));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        KeyShown shown = KeyShown.in(node, lines);
        while (!shown.aead().equals(provider)) {
            if (System.nanoTime() > deadline) {
                break;
            }
            shown = KeyShown.of(node);
        }
        if (shown.aead().equals(provider)) {
            return;
        }
        throw new AssertionError(node.node().label() + ": the session's key did not move to " + provider + " within 10 s: " + shown);
    }

    /** Polls culvert:sessions until the session seals with a key the TLS backend {@code tls} made (two reneg-sec at most). */
    private static KeyShown awaitKeyBy(GogoConsole node, String tls) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2L * RENEG_SECONDS + 10);
        KeyShown shown;
        do {
            shown = KeyShown.of(node);
            if (shown.tls().equals(tls)) {
                return shown;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(node.node().label() + ": no key made by " + tls + " within " + (2 * RENEG_SECONDS + 10) + " s: " + shown
                + "\n" + stateOf(node));
    }

    /**
     * What a node was doing when a wait on it gave up, for the failure's message (a CI run keeps
     * only the console): its status with the drop counters, and the stacks of its control
     * threads, where renegotiations run, and of any thread blocked on a lock.
     */
    private static String stateOf(GogoConsole node) {
        StringBuilder state = new StringBuilder();
        try {
            state.append(String.join("\n", node.run("culvert:status", l -> l.contains("native I/O")))).append('\n');
        } catch (Exception | AssertionError e) {
            state.append("culvert:status failed: ").append(e.getMessage(), 0, Math.min(200, String.valueOf(e.getMessage()).length())).append('\n');
        }
        for (String thread : node.node().threadDump().split("\n\n")) {
            if (thread.contains("culvert-control") || thread.contains("BLOCKED")) {
                state.append(thread).append("\n\n");
            }
        }
        return state.toString();
    }




    private static void awaitLine(NodeProcess node, String text) throws Exception {
        ServerInteropIT.awaitLine(node::lines, node.process()::isAlive, node.label(), l -> l.contains(text), 60);
    }
}
