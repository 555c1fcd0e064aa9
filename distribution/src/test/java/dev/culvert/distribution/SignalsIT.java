package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenVPN's signals on a running server, as an operator (or logrotate, or
 * {@code systemctl reload}) sends them: {@code bin/culvert --config server.conf} in one network
 * namespace, a stock OpenVPN 2.6 client in another. HUP applies a changed configuration and the
 * client comes back with it; USR1 restarts and the client comes back; USR2 logs the status;
 * TERM exits with success. A server whose port another process holds exits with 3, saying so.
 */
class SignalsIT {
    static LaunchedNodes nodes;
    static NetnsHarness net;
    static String serverNs;

    @BeforeAll
    static void network() throws Exception {
        nodes = LaunchedNodes.open("sig");
        net = nodes.net();
        serverNs = nodes.serverNs();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void hupAppliesTheChangedConfigurationAndTheClientComesBackWithIt() throws Exception {
        Path conf = serverConf(1401, List.of());
        NodeProcess server = startServer(conf);
        NodeProcess client = startClient(1401);
        awaitCount(client, l -> l.contains("Initialization Sequence Completed"), 1, "the first tunnel");
        ping("10.8.0.1");

        // The operator adds a pushed route and reloads.
        Files.write(conf, List.of("push \"route 10.99.0.0 255.255.0.0\""), java.nio.file.StandardOpenOption.APPEND);
        signal(server, "HUP");
        awaitCount(server, l -> l.contains("SIGHUP received: re-reading the configuration"), 1, "the server takes HUP");
        awaitCount(client, l -> l.contains("Initialization Sequence Completed"), 2, "the client reconnects after HUP");
        assertTrue(client.lines().stream().anyMatch(l -> l.contains("PUSH_REPLY") && l.contains("route 10.99.0.0 255.255.0.0")),
                "the client got the route the changed configuration pushes:\n" + String.join("\n", client.lines()));
        ping("10.8.0.1");
        assertTrue(server.process().isAlive(), "the server still runs");

        signal(server, "USR2");
        awaitCount(server, l -> l.contains("SIGUSR2 received: status follows"), 1, "USR2 logs the status");
        awaitCount(server, l -> l.contains("clients connected"), 1, "the status names the clients");

        signal(server, "TERM");
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "TERM stops the server");
        assertEquals(0, server.process().exitValue(), "TERM exits with success:\n" + String.join("\n", server.lines()));
        stop(client);
    }

    @Test
    void usr1RestartsTheServerAndTheClientComesBack() throws Exception {
        Path conf = serverConf(1402, List.of());
        NodeProcess server = startServer(conf);
        NodeProcess client = startClient(1402);
        awaitCount(client, l -> l.contains("Initialization Sequence Completed"), 1, "the first tunnel");
        signal(server, "USR1");
        awaitCount(server, l -> l.contains("SIGUSR1: restarted"), 1, "the server restarts on USR1");
        awaitCount(client, l -> l.contains("Initialization Sequence Completed"), 2, "the client reconnects after USR1");
        ping("10.8.0.1");
        assertTrue(server.process().isAlive(), "the server still runs after USR1");
        stop(server);
        stop(client);
    }

    @Test
    void aServerWhosePortIsHeldElsewhereExitsWithTheStartFailureCode() throws Exception {
        // Stock OpenVPN binds without SO_REUSEPORT, so nothing can share its port.
        Path conf = serverConf(1403, List.of());
        NodeProcess holder = net.startProgram(serverNs, "openvpn-holder", Map.of(), "openvpn", "--config", conf.toString(),
                "--dev", "tun9");
        ServerInteropIT.awaitLine(holder::lines, holder.process()::isAlive, holder.label(),
                l -> l.contains("Initialization Sequence Completed"), 30);
        NodeProcess server = startServerProcess(conf, "busy");
        assertTrue(server.process().waitFor(90, TimeUnit.SECONDS), "the second server gives up");
        assertEquals(3, server.process().exitValue(), String.join("\n", server.lines()));
        assertTrue(server.lines().stream().anyMatch(l -> l.contains("cannot listen on udp") && l.contains(":1403")),
                "the reason names the port:\n" + String.join("\n", server.lines()));
        stop(holder);
    }

    private static Path serverConf(int port, List<String> extra) throws IOException {
        return nodes.serverConf(port, "", extra);
    }

    private static NodeProcess startServer(Path conf) throws Exception {
        return nodes.startServer(conf, "server");
    }

    private static NodeProcess startServerProcess(Path conf, String label) throws IOException {
        return nodes.startServerProcess(conf, label);
    }

    private static NodeProcess startClient(int port) throws IOException {
        return nodes.startClient(port);
    }

    private static void ping(String address) throws IOException {
        nodes.ping(address);
    }

    static void signal(NodeProcess p, String name) throws Exception {
        // `ip netns exec` and bin/culvert both exec, so the process's PID is the JVM's.
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

    static void stop(NodeProcess p) throws InterruptedException {
        p.process().destroy();
        if (!p.process().waitFor(15, TimeUnit.SECONDS)) {
            p.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
