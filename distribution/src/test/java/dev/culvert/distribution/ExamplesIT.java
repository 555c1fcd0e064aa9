package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.Prerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every configuration the distribution ships in {@code conf/} passes {@code bin/culvert --check}
 * and runs, as shipped, next to the files it names: the server examples under Culvert with a stock
 * OpenVPN 2.6 client from the client example; the plain 2.6 twins under stock openvpn too; and
 * the Culvert-only one says so in its header, names its 2.6 twin, and is refused by stock openvpn.
 * Only the client's {@code remote} (and {@code proto}) are changed, to reach the test's server.
 */
class ExamplesIT {
    static final Path DIST = Path.of(System.getProperty("culvert.dist", "target/culvert")).toAbsolutePath();
    static final String SERVER = "server.conf.example";
    static final String MULTI_LISTEN = "server-multi-listen.conf.example";
    static final String CLIENT = "client.conf.example";
    /** Every file in conf/; one that is not here fails the test until it is tested here too. */
    static final Set<String> SHIPPED = Set.of(SERVER, MULTI_LISTEN, CLIENT, "logging.properties");

    static NetnsHarness net;
    static String serverNs;
    static String clientNs;
    static Path work;
    static int runs;
    /** What a case started; whatever a failing case left running is stopped before the next. */
    static final List<NodeProcess> startedByCase = new ArrayList<>();

    @BeforeAll
    static void network() throws Exception {
        Prerequisites.require();
        InteropSupport.requireOpenvpn();
        net = NetnsHarness.open();
        serverNs = net.namespace("ex-srv");
        clientNs = net.namespace("ex-cli");
        net.veth(serverNs, "ul0", "192.0.2.1/30", clientNs, "ul0", "192.0.2.2/30");
        work = Files.createTempDirectory("culvert-examples");
        InteropPki.create(work); // ca.crt, server.crt/.key, client.crt/.key, tc.key: the names the examples use
        for (String example : List.of(SERVER, MULTI_LISTEN, CLIENT)) {
            Files.copy(DIST.resolve("conf").resolve(example), work.resolve(example));
        }
    }

    @AfterEach
    void stopWhatTheCaseStarted() throws InterruptedException {
        for (NodeProcess p : startedByCase) {
            stop(p);
        }
        startedByCase.clear();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        InteropSupport.cleanUp(net, work);
    }

    @Test
    void everyShippedConfigurationIsOneThisTestRuns() throws IOException {
        Set<String> found = new TreeSet<>();
        try (DirectoryStream<Path> conf = Files.newDirectoryStream(DIST.resolve("conf"))) {
            conf.forEach(p -> found.add(p.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(SHIPPED), found, "conf/ holds exactly the files this test knows");
    }

    @Test
    void anExampleWithACulvertOnlyDirectiveSaysSoAndNamesItsPlainTwin() throws IOException {
        for (String example : List.of(SERVER, MULTI_LISTEN, CLIENT)) {
            List<String> lines = Files.readAllLines(work.resolve(example));
            String header = String.join("\n", lines.stream().takeWhile(l -> l.startsWith("#")).toList());
            boolean culvertOnly = lines.stream().anyMatch(l -> l.startsWith("culvert-"));
            if (culvertOnly) {
                assertTrue(header.contains("Culvert-only") && header.contains(SERVER), example + "'s header:\n" + header);
            } else {
                assertTrue(header.contains("OpenVPN 2.6") && header.contains("stock openvpn"), example + "'s header:\n" + header);
            }
        }
    }

    @Test
    void everyExamplePassesCheck() throws Exception {
        for (String example : List.of(SERVER, MULTI_LISTEN, CLIENT)) {
            NodeProcess check = culvert(clientNs, "check", "--check", work.resolve(example).toString());
            assertTrue(check.process().waitFor(120, TimeUnit.SECONDS), example + ": --check ended");
            assertEquals(0, check.process().exitValue(), example + ":\n" + String.join("\n", check.lines()));
        }
    }

    @Test
    void theServerExampleRunsUnderCulvertAndAStockClientFromTheClientExamplePingsThroughIt() throws Exception {
        NodeProcess server = culvert(serverNs, "server", "--config", work.resolve(SERVER).toString(), "--no-shell");
        awaitInitialized(server);
        NodeProcess client = stockOpenvpn(clientNs, "client", clientConf("udp", 1194));
        awaitInitialized(client);
        ping();
        stop(client);
        stop(server);
    }

    @Test
    void theServerExampleRunsUnderStockOpenvpnAndACulvertClientFromTheClientExamplePingsThroughIt() throws Exception {
        NodeProcess server = stockOpenvpn(serverNs, "server", SERVER);
        awaitInitialized(server);
        NodeProcess client = culvert(clientNs, "client", "--config", work.resolve(clientConf("udp", 1194)).toString(), "--no-shell");
        awaitInitialized(client);
        ping();
        stop(client);
        stop(server);
    }

    @Test
    void theMultiListenExampleServesStockClientsOnBothItsEndpointsAndStockOpenvpnRefusesIt() throws Exception {
        NodeProcess server = culvert(serverNs, "multi", "--config", work.resolve(MULTI_LISTEN).toString(), "--no-shell");
        awaitInitialized(server);
        for (String[] endpoint : new String[][] {{"tcp-client", "443"}, {"udp", "1194"}}) {
            NodeProcess client = stockOpenvpn(clientNs, "client-" + endpoint[0], clientConf(endpoint[0], Integer.parseInt(endpoint[1])));
            awaitInitialized(client);
            ping();
            stop(client);
        }
        stop(server);

        NodeProcess refused = stockOpenvpn(serverNs, "refuses", MULTI_LISTEN);
        assertTrue(refused.process().waitFor(30, TimeUnit.SECONDS), "stock openvpn gives up on the Culvert-only example");
        assertTrue(refused.process().exitValue() != 0 && refused.lines().stream().anyMatch(l -> l.contains("culvert-listen")),
                "stock openvpn names the Culvert-only directive:\n" + String.join("\n", refused.lines()));
    }

    /** client.conf.example with {@code remote} pointed at the test's server, and the protocol and port given. */
    private static String clientConf(String proto, int port) throws IOException {
        String text = Files.readString(work.resolve(CLIENT), StandardCharsets.UTF_8);
        String remote = "remote vpn.example.org 1194\n";
        String udp = "proto udp ";
        assertTrue(text.contains(remote) && text.contains(udp), "client.conf.example still says '" + remote.strip() + "' and '" + udp + "'");
        String name = "client-" + proto + "-" + port + ".conf";
        Files.writeString(work.resolve(name), text.replace(remote, "remote 192.0.2.1 " + port + "\n").replace(udp, "proto " + proto + " "));
        return name;
    }

    private static NodeProcess culvert(String ns, String label, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/culvert").toString()));
        command.addAll(List.of(args));
        int run = ++runs;
        return started(net.startProgram(ns, "culvert-" + label + "-" + run,
                Map.of("JAVA_HOME", System.getProperty("java.home"), "CULVERT_JAVA_OPTS", "-Dculvert.work=" + work.resolve("node-" + run)),
                command.toArray(String[]::new)));
    }

    /** Stock openvpn on a file in the work directory, which it reads the named files relative to, as an operator's cd would. */
    private static NodeProcess stockOpenvpn(String ns, String label, String conf) throws IOException {
        return started(net.startProgram(ns, "openvpn-" + label + "-" + ++runs, Map.of(), "openvpn", "--cd", work.toString(),
                "--config", conf));
    }

    private static NodeProcess started(NodeProcess p) {
        startedByCase.add(p);
        return p;
    }

    private static void awaitInitialized(NodeProcess p) throws Exception {
        ServerInteropIT.awaitLine(p::lines, p.process()::isAlive, p.label(), l -> l.contains("Initialization Sequence Completed"), 90);
    }

    private static void ping() throws IOException {
        // Any reply: the first packets may meet a device that is still coming up.
        net.exec(clientNs, "ping", "-c", "5", "-i", "0.5", "-W", "2", "10.8.0.1");
    }

    private static void stop(NodeProcess p) throws InterruptedException {
        if (!p.process().isAlive()) {
            return;
        }
        p.process().destroy();
        if (!p.process().waitFor(15, TimeUnit.SECONDS)) {
            p.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
