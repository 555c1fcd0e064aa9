package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management interface end to end: a scripted client (as a dashboard speaks the protocol, over
 * a unix socket) drives a Culvert server that two stock 2.6 clients are connected to: version,
 * state, status in all three formats, load-stats, byte counts, the log, kill of one client (which
 * reconnects), hold, and a signal; then a client written by others for stock OpenVPN
 * (apparentlymart/go-openvpn-mgmt, as Debian packages it) does its part. Last, the same script,
 * with a password, runs against stock OpenVPN 2.6 and Culvert, each with one stock client, and
 * the answers match field by field once times, counts, PIDs and addresses are masked.
 */
class ManagementIT {
    static final String PASSWORD = "mgmt-s3cret";
    static InteropLab lab;
    static String secondNs;
    static Path passwordFile;

    static final Path GO_CLIENT = Path.of("src/test/go/mgmt-client").toAbsolutePath();

    @BeforeAll
    static void network() throws Exception {
        requireGoLibrary();
        lab = InteropLab.open("mgmt");
        lab.pki().issueClient("client2");
        secondNs = lab.secondStockNs("ovpn-mgmtb");
        passwordFile = lab.work().resolve("mgmt.pw");
        Files.writeString(passwordFile, PASSWORD + "\n");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aScriptedClientDrivesACulvertServerWithTwoStockClients() throws Exception {
        Path socket = lab.work().resolve("culvert-mgmt.sock");
        NodeProcess server = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "mgmt-server", lab.config("culvert-server",
                lab.server(1421, "10.8.7.0", "management " + socket + " unix")), lab.work());
        NodeProcess first = null;
        NodeProcess second = null;
        try (ManagementClient m = ManagementClient.connect(socket, null)) {
            first = lab.stockClient("mgmt-client-1", lab.stockNs(), "client", "192.0.2.2", 1421);
            second = lab.stockClient("mgmt-client-2", secondNs, "client2", "192.0.2.6", 1421);
            first.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            second.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);

            List<String> version = m.command("version");
            assertTrue(version.get(0).startsWith("OpenVPN Version: OpenVPN 2.6"), version.toString());
            assertEquals("Management Version: 5", version.get(1));
            assertTrue(m.command("pid").get(0).matches("SUCCESS: pid=\\d+"));
            assertTrue(m.command("state").get(0).matches("\\d+,CONNECTED,SUCCESS,10\\.8\\.7\\.1,,,,"), "state");
            for (int v = 1; v <= 3; v++) {
                String all = String.join("\n", m.command("status " + v));
                assertTrue(all.contains("client") && all.contains("client2") && all.contains("192.0.2.1") && all.contains("192.0.2.5"),
                        "status " + v + " lists both clients:\n" + all);
            }
            assertTrue(m.command("load-stats").get(0).matches("SUCCESS: nclients=2,bytesin=\\d+,bytesout=\\d+"));

            m.clearNotifications();
            assertEquals(List.of("SUCCESS: bytecount interval changed"), m.command("bytecount 1"));
            Set<String> cids = new HashSet<>();
            while (cids.size() < 2) {
                String line = m.notification(10);
                if (line.startsWith(">BYTECOUNT_CLI:")) {
                    assertTrue(line.matches(">BYTECOUNT_CLI:\\d+,\\d+,\\d+"), line);
                    cids.add(line.split("[:,]")[1]);
                }
            }
            assertEquals(List.of("SUCCESS: bytecount interval changed"), m.command("bytecount 0"));

            assertTrue(m.command("log all").stream().anyMatch(l -> l.matches("\\d+,I,.*Initialization Sequence Completed.*")),
                    "the log history holds the start");

            assertEquals(List.of("SUCCESS: common name 'client2' found, 1 client(s) killed"), m.command("kill client2"));
            NodeProcess killed = second;
            killed.awaitLine("a restart", l -> l.contains("SIGUSR1[soft,server-pushed-connection-reset]") || l.contains("Restart pause"),
                    30, TimeUnit.SECONDS);
            SignalsIT.awaitCount(killed, l -> l.contains("Initialization Sequence Completed"), 2, "the killed client reconnects");
            assertTrue(String.join("\n", m.command("status 2")).contains("client2"), "client2 is back");
            assertEquals(List.of("ERROR: client at address 192.0.2.99:1 not found"), m.command("kill 192.0.2.99:1"));

            assertEquals(List.of("SUCCESS: hold=0"), m.command("hold"));
            assertEquals(List.of("SUCCESS: hold release succeeded"), m.command("hold release"));
            assertEquals(List.of("SUCCESS: signal SIGUSR2 thrown"), m.command("signal SIGUSR2"));
            server.awaitLine("SIGUSR2's statistics", l -> l.contains("SIGUSR2 received"), 20, TimeUnit.SECONDS);
            String ping = lab.net().exec(lab.stockNs(), "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.8.7.1");
            assertTrue(ping.contains("3 packets transmitted, 3 received"), ping);
            m.close();
            List<String> go = runGoClient(socket);
            assertTrue(go.contains("state=CONNECTED tunnel=10.8.7.1"), go.toString());
            assertEquals(2, go.stream().filter(l -> l.matches("bytecount client=\\d+ in=\\d+ out=\\d+")).count(), go.toString());
            assertEquals("ok", go.getLast());
        } finally {
            InteropSupport.stop(second);
            InteropSupport.stop(first);
            InteropSupport.stop(server);
        }
    }

    /** management-hold: the server serves nothing until a management client says 'hold release'. */
    @Test
    void managementHoldKeepsTheServerIdleUntilHoldRelease() throws Exception {
        Path socket = lab.work().resolve("culvert-hold.sock");
        NodeProcess server = InteropSupport.culvert(lab.net(), lab.culvertNs(), "mgmt-hold", lab.config("culvert-hold",
                lab.server(1424, "10.8.10.0", "management " + socket + " unix", "management-hold")), lab.work());
        NodeProcess client = null;
        try {
            server.awaitLine("the hold", l -> l.contains("waiting for 'hold release'"), 60, TimeUnit.SECONDS);
            try (ManagementClient m = ManagementClient.connect(socket, null)) {
                assertEquals(">HOLD:Waiting for hold release:0", m.notification(10));
                assertTrue(server.lines().stream().noneMatch(l -> l.contains("Initialization Sequence Completed")), "not serving yet");
                assertEquals(List.of("SUCCESS: hold=1"), m.command("hold"));
                client = lab.stockClient("mgmt-hold", lab.stockNs(), "client", "192.0.2.2", 1424);
                assertEquals(List.of("SUCCESS: hold release succeeded"), m.command("hold release"));
                server.awaitLine("serving", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
                client.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 60, TimeUnit.SECONDS);
            }
        } finally {
            InteropSupport.stop(client);
            InteropSupport.stop(server);
        }
    }

    /** The script of {@link #aScriptedClientDrivesACulvertServerWithTwoStockClients}'s answers, against 2.6 and Culvert side by side. */
    @Test
    void theSameScriptGetsTheSameAnswersFromStock26() throws Exception {
        Path stockSocket = lab.work().resolve("stock-mgmt.sock");
        Path culvertSocket = lab.work().resolve("culvert-mgmt2.sock");
        NodeProcess stock = lab.net().startProgram(lab.stockNs(), "openvpn-mgmt-server", Map.of(), "openvpn", "--config",
                lab.config("stock-server", lab.server(1422, "10.8.8.0", "management " + stockSocket + " unix " + passwordFile)).toString());
        NodeProcess culvert = null;
        NodeProcess toStock = null;
        NodeProcess toCulvert = null;
        try {
            stock.awaitLine("listening", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            culvert = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "mgmt-server2", lab.config("culvert-server2",
                    lab.server(1423, "10.8.9.0", "management " + culvertSocket + " unix " + passwordFile)), lab.work());
            toStock = lab.stockClient("mgmt-to-stock", lab.culvertNs(), "client", "192.0.2.1", 1422);
            toCulvert = lab.stockClient("mgmt-to-culvert", lab.stockNs(), "client", "192.0.2.2", 1423);
            toStock.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            toCulvert.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            List<String> script = List.of("pid", "state", "load-stats", "kill nobody", "kill 192.0.2.99:1", "kill 192.0.2.99:99999",
                    "hold", "hold on", "hold", "hold off", "hold release", "bytecount 0", "echo all", "frobnicate", "signal SIGBOGUS",
                    "log bogus", "status 9");
            try (ManagementClient s = ManagementClient.connect(stockSocket, PASSWORD);
                 ManagementClient c = ManagementClient.connect(culvertSocket, PASSWORD)) {
                List<String> differences = new ArrayList<>();
                for (String command : script) {
                    List<String> fromStock = mask(s.command(command));
                    List<String> fromCulvert = mask(c.command(command));
                    if (!fromStock.equals(fromCulvert)) {
                        differences.add(command + ": stock " + fromStock + ", Culvert " + fromCulvert);
                    }
                }
                assertEquals(List.of(), differences, "answers that differ");
                assertEquals(s.command("version").get(1), c.command("version").get(1), "the management version");
                for (int v = 2; v <= 3; v++) {
                    List<String> fromStock = s.command("status " + v);
                    List<String> fromCulvert = c.command("status " + v);
                    String sep = v == 2 ? "," : "\t";
                    assertEquals(headers(fromStock, sep), headers(fromCulvert, sep), "status " + v + "'s HEADER lines");
                    assertEquals(fields(fromStock, "CLIENT_LIST", sep), fields(fromCulvert, "CLIENT_LIST", sep), "status " + v + "'s client");
                }
            }
        } finally {
            InteropSupport.stop(toCulvert);
            InteropSupport.stop(toStock);
            InteropSupport.stop(culvert);
            InteropSupport.stop(stock);
        }
    }

    /** The Go library's client, built now from src/test/go, run against {@code socket}: its lines, once it exited 0. */
    private static List<String> runGoClient(Path socket) throws Exception {
        Path binary = lab.work().resolve("mgmt-client");
        ProcessBuilder build = new ProcessBuilder("go", "build", "-o", binary.toString(), ".").directory(GO_CLIENT.toFile())
                .redirectErrorStream(true);
        build.environment().putAll(Map.of("GO111MODULE", "off", "GOPATH", "/usr/share/gocode", "GOCACHE",
                lab.work().resolve("gocache").toString(), "HOME", lab.work().toString()));
        Process b = build.start();
        String built = new String(b.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(b.waitFor(120, TimeUnit.SECONDS) && b.exitValue() == 0, "go build: " + built);
        Process run = new ProcessBuilder(binary.toString(), socket.toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!run.waitFor(60, TimeUnit.SECONDS)) {
            run.destroyForcibly();
        }
        assertEquals(0, run.exitValue(), "the Go client: " + out);
        return out.lines().toList();
    }

    /** Go and the library must be installed; with CI=true their absence fails the test instead of skipping it. */
    private static void requireGoLibrary() {
        boolean go = Files.isExecutable(Path.of("/usr/bin/go"));
        boolean library = Files.isDirectory(Path.of("/usr/share/gocode/src/github.com/apparentlymart/go-openvpn-mgmt"));
        if (!go || !library) {
            dev.culvert.testing.netns.Prerequisites.missing("apt-get install -y golang-go golang-github-apparentlymart-go-openvpn-mgmt-dev"
                    + " (missing: " + (go ? "" : "go ") + (library ? "" : "the library") + ")");
        }
    }

    /** Times, counts, PIDs and addresses masked: what naturally differs between two servers. */
    static List<String> mask(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.replaceAll("\\d+\\.\\d+\\.\\d+\\.\\d+", "ADDR").replaceAll("\\d+", "N"));
        }
        return out;
    }

    private static List<String> headers(List<String> status, String sep) {
        return status.stream().filter(l -> l.startsWith("HEADER" + sep)).toList();
    }

    /** A status line's fields with values masked, keeping which fields are empty. */
    private static List<String> fields(List<String> status, String tag, String sep) {
        String line = status.stream().filter(l -> l.startsWith(tag + sep)).findFirst().orElseThrow(() -> new AssertionError("no " + tag));
        List<String> out = new ArrayList<>();
        for (String f : line.split(sep.equals("\t") ? "\t" : ",", -1)) {
            out.add(f.isEmpty() ? "" : f.equals(tag) ? tag : f.equals("client") ? "client" : f.equals("UNDEF") ? "UNDEF" : "value");
        }
        return out;
    }
}
