package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.tun.IpTool;
import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end, as an operator runs it: a stock OpenVPN 2.6 server in one network namespace, the
 * assembled distribution's {@code bin/culvert --config client.conf} in another, joined by a veth
 * pair; then {@code ping} from the client's namespace to the server's tunnel address, through the
 * TUN device Culvert opened and configured from the server's PUSH_REPLY.
 */
class ClientInteropIT {
    static NetnsHarness net;
    static String server;
    static String client;
    static TestPki pki;
    static Path work;

    @BeforeAll
    static void network() throws Exception {
        Prerequisites.require();
        requireOpenvpn();
        net = NetnsHarness.open();
        server = net.namespace("ovpn-srv");
        client = net.namespace("cvt-cli");
        net.veth(server, "ul0", "192.0.2.1/30", client, "ul0", "192.0.2.2/30");
        work = Files.createTempDirectory("culvert-interop");
        pki = TestPki.create(work);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (net != null) {
            net.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void requireOpenvpn() {
        try {
            IpTool.runCommand(List.of("openvpn", "--version"), 10, TimeUnit.SECONDS);
        } catch (IOException e) {
            if (!e.getMessage().contains("exit 1")) { // openvpn --version exits 1 after printing
                String message = "stock openvpn is not installed (apt-get install -y openvpn): " + e.getMessage();
                if (Prerequisites.isCi()) {
                    Assertions.fail(message + " (CI=true: a missing prerequisite is a failure)");
                }
                Assumptions.abort(message);
            }
        }
    }

    @ParameterizedTest(name = "{0} with {1}, server {2}")
    @CsvSource({
        "udp, tls-crypt, 1",
        "tcp, tls-crypt, 2",
        "udp, tls-auth,  3",
        "udp, none,      4",
    })
    void aCulvertClientPingsThroughAStockServer(String proto, String wrap, int n) throws Exception {
        String tunnelNet = "10.8." + n + ".0";
        int port = 1190 + n;
        Path serverConf = work.resolve("server" + n + ".conf");
        Files.writeString(serverConf, String.join("\n",
                "port " + port,
                "proto " + (proto.equals("tcp") ? "tcp-server" : "udp"),
                "dev tun",
                "topology subnet",
                "server " + tunnelNet + " 255.255.255.0",
                "ca " + pki.file("ca.crt"),
                "cert " + pki.file("server.crt"),
                "key " + pki.file("server.key"),
                "dh none",
                wrapLine(wrap, "0"),
                "keepalive 10 60",
                "verb 3",
                ""));
        Path clientConf = work.resolve("client" + n + ".conf");
        Files.writeString(clientConf, String.join("\n",
                "client",
                "dev tun",
                "proto " + (proto.equals("tcp") ? "tcp-client" : "udp"),
                "remote 192.0.2.1 " + port,
                "nobind",
                "ca " + pki.file("ca.crt"),
                "cert " + pki.file("client.crt"),
                "key " + pki.file("client.key"),
                "remote-cert-tls server",
                wrapLine(wrap, "1"),
                "verb 3",
                ""));
        NodeProcess stock = net.startProgram(server, "openvpn-" + n, Map.of(), "openvpn", "--config", serverConf.toString());
        NodeProcess culvert = null;
        try {
            awaitLog(stock, "Initialization Sequence Completed", 30);
            Path launcher = Path.of(System.getProperty("culvert.dist", "target/culvert")).toAbsolutePath().resolve("bin/culvert");
            culvert = net.startProgram(client, "culvert-" + n,
                    Map.of("JAVA_HOME", System.getProperty("java.home"),
                            "CULVERT_JAVA_OPTS", "-Dculvert.work=" + work.resolve("node" + n)),
                    launcher.toString(), "--config", clientConf.toString(), "--no-shell");
            awaitLog(culvert, "Initialization Sequence Completed", 60);
            String ping = net.exec(client, "ping", "-c", "5", "-i", "0.2", "-W", "2", "10.8." + n + ".1");
            assertTrue(ping.contains("5 packets transmitted, 5 received"), ping);
        } finally {
            stop(culvert);
            stop(stock);
        }
    }

    private static String wrapLine(String wrap, String direction) {
        return switch (wrap) {
            case "tls-crypt" -> "tls-crypt " + pki.file("tc.key");
            case "tls-auth" -> "tls-auth " + pki.file("ta.key") + " " + direction;
            default -> "";
        };
    }

    /** Waits, bounded, for a line containing {@code text}; fails with the log if it does not come. */
    private static void awaitLog(NodeProcess process, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (process.lines().stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            if (!process.process().isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        Assertions.fail(process.label() + " did not log '" + text + "' within " + seconds + " s"
                + (process.process().isAlive() ? "" : " (it exited)") + "; its log:\n" + String.join("\n", process.lines()));
    }

    private static void stop(NodeProcess process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.process().destroy();
        if (!process.process().waitFor(10, TimeUnit.SECONDS)) {
            process.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
