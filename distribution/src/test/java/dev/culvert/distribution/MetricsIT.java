package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.Prerequisites;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code culvert-metrics} end to end: a Culvert server with two stock 2.6 clients is scraped by a
 * real Prometheus server (Debian's {@code prometheus}, started by the test with a configuration
 * and a database in the test's directory, inside the server's namespace), and the test reads the
 * values back through Prometheus's HTTP API: both sessions, the handshakes, each client's bytes
 * after pings, a drop counted by reason, a client with a stranger's certificate as a TLS handshake
 * failure (and no series of its own), a JVM metric. {@code promtool check metrics} passes on
 * a scraped body. A second server whose metrics port is taken fails at its line.
 */
class MetricsIT {
    static final int METRICS_PORT = 9176;
    static final int PROMETHEUS_PORT = 9090;
    static final int VPN_PORT = 1431;
    static InteropLab lab;
    static String secondNs;

    @BeforeAll
    static void network() throws Exception {
        requirePrometheus();
        lab = InteropLab.open("metrics");
        lab.pki().issueClient("client2");
        lab.pki().issueUntrusted("mallory", dev.culvert.testing.pki.TestPki.Usage.CLIENT);
        secondNs = lab.secondStockNs("ovpn-metricsb");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void prometheusScrapesACulvertServerWithTwoStockClients() throws Exception {
        NodeProcess server = InteropSupport.culvertUp(lab.net(), lab.culvertNs(), "metrics-server",
                lab.config("culvert-server", lab.server(VPN_PORT, "10.8.17.0", "culvert-metrics 127.0.0.1 " + METRICS_PORT)), lab.work());
        NodeProcess first = null;
        NodeProcess second = null;
        NodeProcess stranger = null;
        NodeProcess prometheus = null;
        try {
            first = lab.stockClient("metrics-client-1", lab.stockNs(), "client", InteropLab.CULVERT_ADDRESS, VPN_PORT);
            second = lab.stockClient("metrics-client-2", secondNs, "client2", InteropLab.SECOND_CULVERT_ADDRESS, VPN_PORT);
            first.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            second.awaitLine("its tunnel up", l -> l.contains("Initialization Sequence Completed"), 30, TimeUnit.SECONDS);
            for (String ns : List.of(lab.stockNs(), secondNs)) {
                String ping = lab.net().exec(ns, "ping", "-c", "3", "-i", "0.2", "-W", "2", "10.8.17.1");
                assertTrue(ping.contains("3 packets transmitted, 3 received"), ping);
            }
            // A client whose certificate another CA signed: its handshakes fail in TLS, counted by reason.
            stranger = lab.stockClient("metrics-mallory", lab.stockNs(), "mallory", InteropLab.CULVERT_ADDRESS, VPN_PORT);
            // A stranger's datagram: the pre-authentication gate drops it, counted by reason.
            lab.net().exec(lab.stockNs(), "bash", "-c", "printf 'not openvpn' > /dev/udp/" + InteropLab.CULVERT_ADDRESS + "/" + VPN_PORT);

            prometheus = startPrometheus();
            awaitValue("up{job=\"culvert\"}", v -> v == 1, prometheus);
            assertEquals(2, awaitValue("culvert_sessions{state=\"connected\"}", v -> v == 2, prometheus));
            assertTrue(awaitValue("culvert_handshakes_total", v -> v >= 2, prometheus) >= 2);
            for (String cn : List.of("client", "client2")) {
                assertTrue(awaitValue("culvert_client_received_bytes_total{client=\"" + cn + "\"}", v -> v > 0, prometheus) > 0, cn);
                assertTrue(awaitValue("culvert_client_sent_packets_total{client=\"" + cn + "\"}", v -> v >= 3, prometheus) >= 3, cn);
            }
            assertTrue(awaitValue("sum(culvert_node_drops_total{node=\"from-net-0\"})", v -> v >= 1, prometheus) >= 1);
            assertTrue(awaitValue("culvert_handshake_failures_total{reason=\"tls\"}", v -> v >= 1, prometheus) >= 1);
            assertEquals(0, awaitValue("culvert_client_received_bytes_total{client=\"mallory\"} or vector(0)", v -> v == 0, prometheus));
            double workers = awaitValue("culvert_workers", v -> v >= 1, prometheus);
            assertEquals(workers, awaitValue("count(culvert_worker_realtime)", v -> v == workers, prometheus), "a scheduling class per worker");
            assertTrue(awaitValue("jvm_memory_used_bytes{area=\"heap\"}", v -> v > 0, prometheus) > 0);

            Path body = lab.work().resolve("scraped.txt");
            Files.writeString(body, lab.net().inNamespace(lab.culvertNs(), () -> get("http://127.0.0.1:" + METRICS_PORT + "/metrics")));
            Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectInput(body.toFile()).redirectErrorStream(true).start();
            String lint = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool ends");
            assertEquals(0, promtool.exitValue(), "promtool check metrics:\n" + lint);
            System.out.println("MetricsIT: promtool check metrics on " + Files.readAllLines(body).size() + " lines: exit 0" + (lint.isBlank() ? "" : ", " + lint.strip()));
            Files.readAllLines(body).stream().filter(l -> l.startsWith("culvert_node_drops_total") || l.startsWith("culvert_handshake"))
                    .forEach(l -> System.out.println("MetricsIT: scraped " + l));
        } finally {
            InteropSupport.stop(prometheus);
            InteropSupport.stop(stranger);
            InteropSupport.stop(second);
            InteropSupport.stop(first);
            InteropSupport.stop(server);
        }
    }

    @Test
    void aMetricsPortAlreadyTakenFailsTheStartAtItsLine() throws Exception {
        // Something else holds the metrics port: a listener in the server's namespace, opened by a thread that entered it.
        int port = METRICS_PORT + 1;
        ServerSocket holder = lab.net().inNamespace(lab.culvertNs(), () -> new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1")));
        NodeProcess server = null;
        try {
            Path conf = lab.config("culvert-taken", lab.server(VPN_PORT + 1, "10.8.18.0", "culvert-metrics 127.0.0.1 " + port));
            server = InteropSupport.culvert(lab.net(), lab.culvertNs(), "metrics-taken", conf, lab.work());
            assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "the server gives up:\n" + String.join("\n", server.lines()));
            assertNotEquals(0, server.process().exitValue());
            String log = String.join("\n", server.lines());
            int line = Files.readAllLines(conf).size();
            assertTrue(log.contains(conf + ":" + line + ": culvert-metrics cannot listen on 127.0.0.1 port " + port), log);
        } finally {
            InteropSupport.stop(server);
            holder.close();
        }
    }

    /** Prometheus in the server's namespace, scraping it every second; its database and configuration in the test's directory. */
    private static NodeProcess startPrometheus() throws Exception {
        Path dir = Files.createDirectories(lab.work().resolve("prometheus"));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n", "global:", "  scrape_interval: 1s", "  scrape_timeout: 1s", "scrape_configs:",
                "  - job_name: culvert", "    static_configs:", "      - targets: ['127.0.0.1:" + METRICS_PORT + "']", ""));
        NodeProcess p = lab.net().startProgram(lab.culvertNs(), "prometheus", Map.of(), "prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + PROMETHEUS_PORT);
        p.awaitLine("ready", l -> l.contains("Server is ready to receive web requests"), 60, TimeUnit.SECONDS);
        return p;
    }

    private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]");

    /** Queries Prometheus until {@code query}'s one value satisfies {@code wanted} (60 s at most); returns the value. */
    private static double awaitValue(String query, DoublePredicate wanted, NodeProcess prometheus) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            String url = "http://127.0.0.1:" + PROMETHEUS_PORT + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
            last = lab.net().inNamespace(lab.culvertNs(), () -> get(url));
            List<Double> values = new ArrayList<>();
            Matcher m = VALUE.matcher(last);
            while (m.find()) {
                values.add(Double.parseDouble(m.group(1)));
            }
            if (values.size() == 1 && wanted.test(values.getFirst())) {
                System.out.println("MetricsIT: Prometheus says " + query + " = " + values.getFirst());
                return values.getFirst();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus's answer to " + query + " did not come right within 60 s: " + last + "\nPrometheus:\n"
                + String.join("\n", prometheus.lines()));
    }

    /** A GET on the calling thread, so that it runs in the namespace the thread entered. */
    private static String get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(10_000);
        try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    /** prometheus and promtool must be installed; with CI=true their absence fails the test instead of skipping it. */
    private static void requirePrometheus() {
        for (String tool : List.of("prometheus", "promtool")) {
            if (!Files.isExecutable(Path.of("/usr/bin", tool))) {
                Prerequisites.missing("apt-get install -y prometheus (missing: /usr/bin/" + tool + ")");
            }
        }
    }
}
