package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Culvert servers run as an operator runs them ({@code bin/culvert --config server.conf} in a
 * namespace) and stock OpenVPN 2.6 clients in another, joined by a veth: the configurations,
 * the processes, their signals and the waits on their logs (bounded, never timed assertions).
 */
final class LaunchedNodes {
    static final String SERVER_ADDRESS = "192.0.2.1";

    private final NetnsHarness net;
    private final String serverNs;
    private final String clientNs;
    private final InteropPki pki;
    private final Path work;
    private int runs;

    LaunchedNodes(NetnsHarness net, String serverNs, String clientNs, InteropPki pki, Path work) {
        this.net = net;
        this.serverNs = serverNs;
        this.clientNs = clientNs;
        this.pki = pki;
        this.work = work;
    }

    /**
     * A subnet server on UDP {@code port} with tls-crypt; each of {@code extra} replaces the lines
     * of its directive ({@code dev tun0}, {@code server 10.9.0.0 255.255.255.0}) or is added. The
     * file is named after the port and {@code tag}.
     */
    Path serverConf(int port, String tag, List<String> extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of("port " + port, "proto udp", "dev tun", "topology subnet",
                "server 10.8.0.0 255.255.255.0", "ca " + pki.file("ca.crt"), "cert " + pki.file("server.crt"),
                "key " + pki.file("server.key"), "dh none", "tls-crypt " + pki.file("tc.key"),
                "keepalive 2 20", "explicit-exit-notify 1", "verb 3"));
        for (String line : extra) {
            String directive = line.split(" ")[0];
            lines.removeIf(l -> l.split(" ")[0].equals(directive));
        }
        lines.addAll(extra);
        Path conf = work.resolve("server-" + port + tag + ".conf");
        Files.write(conf, lines);
        return conf;
    }

    /** Starts a server and waits (60 s at most) for Initialization Sequence Completed. */
    NodeProcess startServer(Path conf, String label) throws Exception {
        NodeProcess p = startServerProcess(conf, label);
        ServerInteropIT.awaitLine(p::lines, p.process()::isAlive, p.label(), l -> l.contains("Initialization Sequence Completed"), 60);
        return p;
    }

    /** Starts a server without waiting; each run has a work directory of its own. */
    NodeProcess startServerProcess(Path conf, String label) throws IOException {
        int run = ++runs;
        Path launcher = Path.of(System.getProperty("culvert.dist", "target/culvert")).toAbsolutePath().resolve("bin/culvert");
        return net.startProgram(serverNs, "culvert-" + label + "-" + run,
                Map.of("JAVA_HOME", System.getProperty("java.home"), "CULVERT_JAVA_OPTS", "-Dculvert.work=" + work.resolve("node-" + run)),
                launcher.toString(), "--config", conf.toString(), "--no-shell");
    }

    /** A stock client of the server on UDP {@code port}. */
    NodeProcess startClient(int port) throws IOException {
        Path conf = work.resolve("client-" + port + ".conf");
        Files.write(conf, List.of("client", "dev tun", "proto udp", "remote " + SERVER_ADDRESS + " " + port, "nobind", "connect-retry 1",
                "ca " + pki.file("ca.crt"), "cert " + pki.file("client.crt"), "key " + pki.file("client.key"),
                "remote-cert-tls server", "tls-crypt " + pki.file("tc.key"), "verb 3"));
        return net.startProgram(clientNs, "openvpn-client-" + port, Map.of(), "openvpn", "--config", conf.toString());
    }

    /** Pings {@code address} from the client's namespace; any reply within 5 s passes. */
    void ping(String address) throws IOException {
        try {
            net.exec(clientNs, "ping", "-c", "10", "-i", "0.5", "-W", "2", address);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "\nthe server's devices:\n" + net.exec(serverNs, "ip", "-d", "addr")
                    + "\nits routes:\n" + net.exec(serverNs, "ip", "route"), e);
        }
    }

    /** Sends signal {@code name}; `ip netns exec` and bin/culvert both exec, so the process's PID is the JVM's. */
    static void signal(NodeProcess p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(p.process().pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -s " + name);
    }

    /** Waits (60 s at most) until {@code count} lines of the log match. */
    static void awaitCount(NodeProcess p, Predicate<String> line, int count, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (p.lines().stream().filter(line).count() >= count) {
                return;
            }
            if (!p.process().isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + ": " + (p.process().isAlive() ? "not within 60 s" : "the process exited") + "; "
                + p.label() + "'s log:\n" + String.join("\n", p.lines()));
    }

    /** SIGTERM, then SIGKILL if it is not gone within 15 s. */
    static void stop(NodeProcess p) throws InterruptedException {
        p.process().destroy();
        if (!p.process().waitFor(15, TimeUnit.SECONDS)) {
            p.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
