package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 2.6's point-to-point TLS mode end to end (OpenVPN's tls-office/tls-home samples), in both TLS
 * roles against stock OpenVPN 2.6: each side's TUN device gets {@code ifconfig LOCAL REMOTE} from
 * its own configuration, the data cipher is settled by p2p NCP without a push, both sides ping the
 * other's tunnel address, and pings keep crossing while the tunnel renegotiates every 5 s.
 */
class PointToPointIT {
    private static final AtomicInteger TUNNELS = new AtomicInteger();

    static InteropLab lab;

    @BeforeAll
    static void network() throws Exception {
        lab = InteropLab.open("p2p");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    /**
     * Culvert is the TLS server, with no {@code remote}: it answers the stock TLS client that
     * reaches it first, and renegotiates every 5 s.
     */
    @Test
    void aCulvertTlsServerWithAStockTlsClient() throws Exception {
        int n = TUNNELS.incrementAndGet();
        int port = 1290 + n;
        Pair pair = start(n,
                List.of("tls-client", "remote 192.0.2.2 " + port, "nobind", "ifconfig " + stockAddress(n) + " " + culvertAddress(n),
                        "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"), "remote-cert-tls server"),
                List.of("tls-server", "port " + port, "ifconfig " + culvertAddress(n) + " " + stockAddress(n), "dh none",
                        "cert " + lab.pki().file("server.crt"), "key " + lab.pki().file("server.key"), "remote-cert-tls client", "reneg-sec 5"));
        try {
            assertPingsBothWaysThroughRenegotiations(pair, n);
        } finally {
            pair.stop();
        }
    }

    /** Culvert is the TLS client; the stock TLS server takes the first peer and renegotiates every 5 s. */
    @Test
    void aCulvertTlsClientWithAStockTlsServer() throws Exception {
        int n = TUNNELS.incrementAndGet();
        int port = 1290 + n;
        Pair pair = start(n,
                List.of("tls-server", "port " + port, "ifconfig " + stockAddress(n) + " " + culvertAddress(n), "dh none",
                        "cert " + lab.pki().file("server.crt"), "key " + lab.pki().file("server.key"), "remote-cert-tls client", "reneg-sec 5"),
                List.of("tls-client", "remote 192.0.2.1 " + port, "nobind", "ifconfig " + culvertAddress(n) + " " + stockAddress(n),
                        "cert " + lab.pki().file("client.crt"), "key " + lab.pki().file("client.key"), "remote-cert-tls server"));
        try {
            assertPingsBothWaysThroughRenegotiations(pair, n);
        } finally {
            pair.stop();
        }
    }

    private static String stockAddress(int n) {
        return "10.9." + n + ".1";
    }

    private static String culvertAddress(int n) {
        return "10.9." + n + ".2";
    }

    /**
     * Both devices carry only their own address; each side pings the other; then 50 pings over
     * 10 s span at least one renegotiation, which the Culvert node logs, and all of them cross.
     */
    private static void assertPingsBothWaysThroughRenegotiations(Pair pair, int n) throws Exception {
        assertBothSettledTheSameParameters(pair);
        lab.net().requireAddresses(lab.culvertNs(), "tun0", culvertAddress(n));
        lab.net().requireAddresses(lab.stockNs(), "tun0", stockAddress(n));
        lab.net().requireNoForwarding(lab.culvertNs());
        lab.net().requireNoForwarding(lab.stockNs());
        String fromCulvert = lab.net().exec(lab.culvertNs(), "ping", "-c", "5", "-i", "0.2", "-W", "2", stockAddress(n));
        assertTrue(fromCulvert.contains("5 packets transmitted, 5 received"), fromCulvert);
        String fromStock = lab.net().exec(lab.stockNs(), "ping", "-c", "5", "-i", "0.2", "-W", "2", culvertAddress(n));
        assertTrue(fromStock.contains("5 packets transmitted, 5 received"), fromStock);
        String through = lab.net().exec(lab.culvertNs(), "ping", "-c", "50", "-i", "0.2", "-W", "2", stockAddress(n));
        assertTrue(through.contains("50 packets transmitted, 50 received"), through);
        long renegotiations = pair.culvert.lines().stream().filter(l -> l.contains(" renegotiated, key id")).count();
        assertTrue(renegotiations >= 1, "renegotiated " + renegotiations + " times:\n" + String.join("\n", pair.culvert.lines()));
        String large = lab.net().exec(lab.stockNs(), "ping", "-c", "3", "-i", "0.2", "-W", "2", "-s", "1200", culvertAddress(n));
        assertTrue(large.contains("3 packets transmitted, 3 received"), large);
    }

    /**
     * Stock 2.6 logs what its p2p NCP settled ("P2P mode NCP negotiation result: TLS_export=1,
     * DATA_v2=1, peer-id N, cipher=C"); the Culvert peer must have settled the same cipher, key
     * derivation and peer-id on its own.
     */
    private static void assertBothSettledTheSameParameters(Pair pair) throws IOException {
        String stockLog = logOf(pair.stock);
        String stock = pair.stock.lines().stream().filter(l -> l.contains("P2P mode NCP negotiation result")).findFirst()
                .orElseThrow(() -> new AssertionError("no p2p NCP result in the stock log:\n" + stockLog));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("TLS_export=(\\d), DATA_v2=(\\d), peer-id (\\d+), cipher=(\\S+)")
                .matcher(stock);
        assertTrue(m.find(), stock);
        String expected = "cipher " + m.group(4) + ", keys by " + (m.group(1).equals("1") ? "tls-ekm" : "prf") + ", ";
        String peerId = ", peer-id " + (m.group(2).equals("1") ? m.group(3) : "-1");
        String connected = pair.culvert.lines().stream().filter(l -> l.contains("Initialization Sequence Completed")).findFirst()
                .orElseThrow();
        assertTrue(connected.contains(expected) && connected.contains(peerId + ";"),
                "stock settled '" + stock + "', Culvert: '" + connected + "'");
        assertTrue(m.group(1).equals("1") && m.group(2).equals("1"), "with 2.6 on both sides p2p NCP uses the exporter and P_DATA_V2: " + stock);
    }

    private static String logOf(NodeProcess process) throws IOException {
        return String.join("\n", process.lines());
    }

    /** The stock peer and the Culvert peer of one tunnel. */
    private record Pair(NodeProcess stock, NodeProcess culvert) {
        void stop() throws InterruptedException {
            InteropSupport.stop(culvert);
            InteropSupport.stop(stock);
        }
    }

    /**
     * Starts the stock peer with {@code stockLines} and the Culvert peer with {@code culvertLines}
     * (each besides the shared dev, CA, tls-crypt key and keepalive), and waits until both have the
     * tunnel up.
     */
    private static Pair start(int n, List<String> stockLines, List<String> culvertLines) throws Exception {
        Path stockConf = write("stock" + n + ".conf", stockLines);
        Path culvertConf = write("culvert" + n + ".conf", culvertLines);
        NodeProcess stock = lab.net().startProgram(lab.stockNs(), "openvpn-p2p-" + n, Map.of(), "openvpn", "--config", stockConf.toString());
        NodeProcess culvert = null;
        try {
            culvert = InteropSupport.culvert(lab.net(), lab.culvertNs(), "p2p-" + n, culvertConf, lab.work());
            culvert.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 60, TimeUnit.SECONDS);
            stock.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            return new Pair(stock, culvert);
        } catch (Exception | AssertionError e) {
            InteropSupport.stop(culvert);
            InteropSupport.stop(stock);
            throw e;
        }
    }

    private static Path write(String name, List<String> own) throws IOException {
        List<String> lines = new ArrayList<>(List.of("dev tun", "proto udp", "ca " + lab.pki().file("ca.crt"), "tls-crypt " + lab.pki().file("tc.key"),
                "keepalive 2 10", "verb 3"));
        lines.addAll(own);
        Path conf = lab.work().resolve(name);
        Files.writeString(conf, String.join("\n", lines) + "\n");
        return conf;
    }
}
