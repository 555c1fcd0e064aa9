package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.NetnsHarness.NodeProcess;
import dev.culvert.testing.netns.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end, as an operator runs it: a stock OpenVPN 2.6 server in one network namespace, the
 * assembled distribution's {@code bin/culvert --config client.conf} in another, joined by a veth
 * pair; then {@code ping} from the client's namespace to the server's tunnel address, through the
 * TUN device Culvert opened and configured from the server's PUSH_REPLY.
 */
class ClientInteropIT {
    static NetnsHarness net;
    private static final Path DISTRIBUTION = Path.of(System.getProperty("culvert.dist", "target/culvert")).toAbsolutePath();
    static String server;
    static String client;
    static InteropPki pki;
    static Path work;

    @BeforeAll
    static void network() throws Exception {
        Prerequisites.require();
        InteropSupport.requireOpenvpn();
        net = NetnsHarness.open();
        server = net.namespace("ovpn-srv");
        client = net.namespace("cvt-cli");
        net.veth(server, "ul0", "192.0.2.1/30", client, "ul0", "192.0.2.2/30");
        work = Files.createTempDirectory("culvert-interop");
        pki = InteropPki.create(work);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        InteropSupport.cleanUp(net, work);
    }

    /**
     * One stock server and one Culvert client with the given transport, wrapping and extra server
     * and client lines (separated by ';'); the client's log must name {@code expect} once connected.
     */
    @ParameterizedTest(name = "{0}, {1}, server: {2}")
    @CsvSource(delimiter = '|', value = {
        "udp | tls-crypt | ''                                                 | ''                    | cipher AES-256-GCM, keys by tls-ekm, TLSv1.3",
        "tcp | tls-crypt | ''                                                 | ''                    | cipher AES-256-GCM, keys by tls-ekm, TLSv1.3",
        "udp | tls-auth  | ''                                                 | ''                    | cipher AES-256-GCM",
        "udp | tls-auth  | auth SHA384                                        | auth SHA384           | cipher AES-256-GCM",
        "udp | none      | ''                                                 | ''                    | cipher AES-256-GCM",
        "udp | tls-crypt | data-ciphers AES-128-GCM                           | ''                    | cipher AES-128-GCM",
        "udp | tls-crypt | data-ciphers CHACHA20-POLY1305                     | ''                    | cipher CHACHA20-POLY1305",
        "udp | tls-crypt | tls-version-max 1.2                                | ''                    | keys by tls-ekm, TLSv1.2",
        "tcp | tls-auth  | data-ciphers CHACHA20-POLY1305;tls-version-max 1.2 | ''                    | cipher CHACHA20-POLY1305, keys by tls-ekm, TLSv1.2",
        "udp | tls-crypt | allow-compression yes;compress lz4-v2;push \"compress lz4-v2\" | allow-compression yes | framing V2, codec lz4",
        "udp | tls-crypt | compress stub-v2;push \"compress stub-v2\"          | ''                    | framing V2, codec none",
        "udp | tls-crypt | allow-compression yes;comp-lzo yes;push \"comp-lzo yes\" | ''              | framing LZO_V1, codec lzo, sending uncompressed",
        "udp | tls-crypt | allow-compression yes;comp-lzo yes;push \"comp-lzo yes\" | allow-compression yes | framing LZO_V1, codec lzo",
    })
    void aCulvertClientPingsThroughAStockServer(String proto, String wrap, String serverExtra, String clientExtra, String expect)
            throws Exception {
        Tunnel t = startTunnel(proto, wrap, lines(serverExtra), lines(clientExtra));
        try {
            assertTrue(t.culvert.lines().stream().anyMatch(l -> l.contains(expect)),
                    "client log names '" + expect + "':\n" + String.join("\n", t.culvert.lines()));
            if (clientExtra.contains("allow-compression yes")) {
                assertCompressedOnTheWire(t);
            }
            assertPings(t, 5);
        } finally {
            t.stop();
        }
    }

    /**
     * Conscrypt, the default TLS provider, exports keying material on TLS 1.2 as 2.6's OpenSSL
     * does, so both sides use TLS-EKM; bc cannot on TLS 1.2, so a client on bc (a distribution
     * without module-ssl-conscrypt, as where its native library does not load) derives the data
     * keys with OpenVPN's PRF instead, which the stock server follows.
     */
    @Test
    void aClientOnBouncyCastleDerivesTheKeysWithThePrfOnTls12() throws Exception {
        Tunnel t = startTunnel("udp", "tls-crypt", List.of("tls-version-max 1.2"), List.of(), distributionWithout("module-ssl-conscrypt-"));
        try {
            assertTrue(t.culvert.lines().stream().anyMatch(l -> l.contains("keys by prf, TLSv1.2")),
                    "client log names 'keys by prf, TLSv1.2':\n" + String.join("\n", t.culvert.lines()));
            assertPings(t, 5);
        } finally {
            t.stop();
        }
    }

    @Test
    void pingsKeepFlowingWhileTheServerRenegotiatesEveryFewSeconds() throws Exception {
        Tunnel t = startTunnel("udp", "tls-crypt", List.of("reneg-sec 5"), List.of());
        try {
            // 60 pings over 12 s span at least two renegotiations; 2.6 keeps the old key as a lame duck.
            assertPings(t, 60);
            long renegotiations = t.culvert.lines().stream().filter(l -> l.contains(" renegotiated, key id")).count();
            assertTrue(renegotiations >= 2, "renegotiated " + renegotiations + " times:\n" + String.join("\n", t.culvert.lines()));
        } finally {
            t.stop();
        }
    }

    /** Over UDP the server's explicit-exit-notify says RESTART; over TCP the stream closes. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"udp", "tcp"})
    void theClientReconnectsAfterTheServerRestarts(String proto) throws Exception {
        Tunnel t = startTunnel(proto, "tls-crypt", proto.equals("udp") ? List.of("explicit-exit-notify 1") : List.of(), List.of());
        try {
            assertPings(t, 3);
            stop(t.stock);
            t.stock = net.startProgram(server, "openvpn-" + t.n + "-again", Map.of(), "openvpn", "--config", t.serverConf.toString());
            awaitLog(t.stock, "Initialization Sequence Completed", 30);
            awaitLogCount(t.culvert, "Initialization Sequence Completed", 2, 60);
            assertPings(t, 3);
        } finally {
            t.stop();
        }
    }

    /**
     * Issue 16, item 12 (client role): a stock server whose certificate another CA signed (one
     * with the trusted CA's very name, and the server usage) is refused by the Culvert client at
     * the TLS handshake. The client says why and gives up (a fatal failure); no address comes up
     * in its namespace, the server never sees the peer initiate, and no ping crosses.
     */
    @Test
    void aCulvertClientRefusesAStockServerWhoseCertificateAnotherCaSigned() throws Exception {
        pki.issueUntrusted("stranger-server", dev.culvert.testing.pki.TestPki.Usage.SERVER);
        // a later cert/key line replaces the earlier one in OpenVPN's configuration
        Tunnel t = launchTunnel("udp", "tls-crypt",
                List.of("cert " + pki.file("stranger-server.crt"), "key " + pki.file("stranger-server.key")), List.of());
        try {
            awaitLog(t.culvert, "ERROR: failed: ", 60);
            String refusal = t.culvert.lines().stream().filter(l -> l.contains("ERROR: failed: ")).findFirst().orElseThrow();
            assertTrue(refusal.toLowerCase(java.util.Locale.ROOT).contains("certif") && refusal.contains("not retrying"),
                    "the refusal names the certificate and is final: " + refusal);
            assertTrue(t.culvert.lines().stream().noneMatch(l -> l.contains("Initialization Sequence Completed")),
                    "the client never came up:\n" + String.join("\n", t.culvert.lines()));
            assertTrue(t.stock.lines().stream().noneMatch(l -> l.contains("Peer Connection Initiated")),
                    "the server never had a peer:\n" + String.join("\n", t.stock.lines()));
            String addresses = net.exec(client, "ip", "-4", "-o", "addr", "show");
            assertTrue(!addresses.contains("10.8." + t.n + "."), "no tunnel address in the client's namespace:\n" + addresses);
            String ping = net.exec(client, "sh", "-c", "ping -c 2 -i 0.2 -W 1 " + t.serverAddress() + " 2>&1; true");
            assertTrue(!ping.matches("(?s).*[12] received.*"), "no ping crossed:\n" + ping);
        } finally {
            t.stop();
        }
    }

    /**
     * Issue 11, auth-user-pass: a stock server that checks usernames and passwords with
     * {@code auth-user-pass-verify SCRIPT via-file} and hands out tokens ({@code auth-gen-token})
     * lets in a Culvert client with the right password (pings cross). Its script accepts the
     * password only once, so the renegotiations every 5 s that follow succeed only because the
     * client sends the pushed token in the password's place, as 2.6 clients do. The password
     * never appears in the client's log.
     */
    @Test
    void aClientWithTheRightPasswordConnectsAndRenegotiatesWithTheServersToken() throws Exception {
        Path calls = work.resolve("verify-calls-ok");
        Tunnel t = startTunnel("udp", "tls-crypt", passwordServer(calls, List.of("auth-gen-token 0 120", "reneg-sec 5")),
                List.of("auth-user-pass " + credentials("right", "alice", PASSWORD), "auth-nocache"));
        try {
            assertPings(t, 60);
            long renegotiations = t.culvert.lines().stream().filter(l -> l.contains(" renegotiated, key id")).count();
            assertTrue(renegotiations >= 2, "renegotiated " + renegotiations + " times:\n" + String.join("\n", t.culvert.lines()));
            assertEquals(1, Files.readAllLines(calls).size(), "the script checked the password once; the token did the rest:\n"
                    + String.join("\n", t.stock.lines()));
            assertTrue(t.culvert.lines().stream().noneMatch(l -> l.contains(PASSWORD)), "the password is never logged");
        } finally {
            t.stop();
        }
    }

    /**
     * A wrong password: the stock server answers AUTH_FAILED, and the Culvert client (auth-retry
     * none, the default) logs it and exits with the status the launcher documents for it (5).
     */
    @Test
    void aClientWithAWrongPasswordGetsAuthFailedAndExitsWithItsStatus() throws Exception {
        Tunnel t = launchTunnel("udp", "tls-crypt", passwordServer(work.resolve("verify-calls-wrong"), List.of()),
                List.of("auth-user-pass " + credentials("wrong", "alice", "not " + PASSWORD)));
        try {
            assertTrue(t.culvert.process().waitFor(90, TimeUnit.SECONDS), "the client exits:\n" + String.join("\n", t.culvert.lines()));
            assertEquals(5, t.culvert.process().exitValue(), String.join("\n", t.culvert.lines()));
            assertTrue(t.culvert.lines().stream().anyMatch(l -> l.contains("AUTH: Received control message: AUTH_FAILED")),
                    String.join("\n", t.culvert.lines()));
            assertTrue(t.culvert.lines().stream().anyMatch(l -> l.contains("auth-retry is none")), String.join("\n", t.culvert.lines()));
            assertTrue(t.culvert.lines().stream().noneMatch(l -> l.contains(PASSWORD)), "the password is never logged");
        } finally {
            t.stop();
        }
    }

    /**
     * Several servers, tried in the order written as 2.6 tries them: nothing answers on the first
     * (UDP), so the client moves on after its server-poll-timeout; the second refuses TCP at once;
     * the third is a name in DNS (the client namespace's own hosts file), resolved when its turn
     * comes, and connects.
     */
    @Test
    void aClientTriesItsServersInOrderUntilOneAnswers() throws Exception {
        Path hosts = Path.of("/etc/netns", client, "hosts");
        Files.createDirectories(hosts.getParent());
        Files.writeString(hosts, "127.0.0.1 localhost\n192.0.2.1 vpn.culvert.test\n");
        try {
            Tunnel t = launchTunnel("udp", "tls-crypt", List.of(), List.of("server-poll-timeout 2"), DISTRIBUTION,
                    port -> List.of("remote 192.0.2.1 " + (port + 100) + " udp", "remote 192.0.2.1 " + port + " tcp-client",
                            "remote vpn.culvert.test " + port + " udp"));
            try {
                awaitLog(t.culvert, "Initialization Sequence Completed", 60);
                List<String> log = t.culvert.lines();
                int polled = indexOf(log, "server poll timeout: nothing from /192.0.2.1:" + (t.port() + 100));
                // The refusal shows as the connect failing or the new stream closing, as the kernel reports it; either ends the attempt.
                int refused = indexOf(log, "; next: vpn.culvert.test:" + t.port() + " (udp)");
                int named = indexOf(log, "connecting to vpn.culvert.test/192.0.2.1:" + t.port());
                int up = indexOf(log, "Initialization Sequence Completed");
                assertTrue(polled >= 0 && polled < refused && refused < named && named < up,
                        "poll timeout, refusal, the named server, in that order:\n" + String.join("\n", log));
                assertPings(t, 3);
            } finally {
                t.stop();
            }
        } finally {
            Files.deleteIfExists(hosts);
            Files.deleteIfExists(hosts.getParent());
        }
    }

    /**
     * Issue 11's client options with visible effects: tun-mtu and txqueuelen shape the client's
     * TUN device (as {@code ip link} shows it), sndbuf and rcvbuf its socket (logged as 2.6 logs
     * them), and the tunnel carries pings.
     */
    @Test
    void tunMtuTxqueuelenAndSocketBuffersShapeTheClientsDeviceAndSocket() throws Exception {
        Tunnel t = startTunnel("udp", "tls-crypt", List.of("tun-mtu 1400"),
                List.of("tun-mtu 1400", "txqueuelen 1000", "sndbuf 393216", "rcvbuf 393216"));
        try {
            String link = net.exec(client, "ip", "link", "show", "tun0");
            assertTrue(link.contains("mtu 1400") && link.contains("qlen 1000"), link);
            assertTrue(t.culvert.lines().stream().anyMatch(l -> l.contains("Socket Buffers: R=[")),
                    "the socket buffers are logged:\n" + String.join("\n", t.culvert.lines()));
            assertPings(t, 3);
        } finally {
            t.stop();
        }
    }

    /** lport: the client sends from that port, so the stock server sees its packets come from it. */
    @Test
    void aClientWithLportSendsFromThatPort() throws Exception {
        Tunnel t = startTunnel("udp", "tls-crypt", List.of(), List.of("lport 15001"));
        try {
            assertPings(t, 3);
            awaitLog(t.stock, ":15001", 10);
        } finally {
            t.stop();
        }
    }

    /** ping-exit: once the stock server is gone and silent for 3 s, the client ends as after SIGTERM, with status 0. */
    @Test
    void aClientWithPingExitExitsWithStatusZeroOnceTheServerIsSilent() throws Exception {
        assertPingExitEndsTheClient(List.of("ping 1"), List.of("ping 1", "ping-exit 3"));
    }

    /** A pushed ping-exit: once the stock server is gone and silent for 3 s, the client ends with status 0. */
    @Test
    void aClientExitsWithStatusZeroOnceTheServerThatPushedPingExitIsSilent() throws Exception {
        assertPingExitEndsTheClient(List.of("ping 1", "push \"ping 1\"", "push \"ping-exit 3\""), List.of());
    }

    /** A tunnel whose client has ping-exit 3 (its own or pushed): once the stock server is gone, the client ends with status 0. */
    private static void assertPingExitEndsTheClient(List<String> serverLines, List<String> clientLines) throws Exception {
        Tunnel t = startTunnel("udp", "tls-crypt", serverLines, clientLines);
        try {
            assertPings(t, 3);
            stop(t.stock);
            assertExitsWithStatusZero(t, "Inactivity timeout (--ping-exit), exiting");
        } finally {
            t.stop();
        }
    }

    /** A pushed session-timeout: the client ends as after SIGTERM, with status 0, that long after the push. */
    @Test
    void aClientExitsWithStatusZeroWhenThePushedSessionTimeoutRunsOut() throws Exception {
        Tunnel t = startTunnel("udp", "tls-crypt", List.of("push \"session-timeout 4\""), List.of());
        try {
            assertPings(t, 2);
            assertExitsWithStatusZero(t, "Session timeout (--session-timeout), exiting");
        } finally {
            t.stop();
        }
    }

    /**
     * tls-exit: a failed TLS negotiation ends the client as after SIGTERM, with status 0, as 2.6's
     * tls-exit does. Here the client refuses the stock server's certificate ({@code remote-cert-tls
     * client}, a later line than the shared {@code remote-cert-tls server}); without tls-exit it
     * would stay up, failed, and not retry.
     */
    @Test
    void aClientWithTlsExitExitsWithStatusZeroWhenTheTlsNegotiationFails() throws Exception {
        Tunnel t = launchTunnel("udp", "tls-crypt", List.of(), List.of("remote-cert-tls client", "tls-exit"));
        try {
            String line = assertExitsWithStatusZero(t, "TLS error (--tls-exit): ");
            assertTrue(line.contains("remote-cert-tls client"), line);
        } finally {
            t.stop();
        }
    }

    /**
     * A client's own {@code route} lines, as 2.6 adds them once the tunnel is up: through the
     * tunnel's gateway by default, with {@code route-metric} for those that name no metric; one
     * through {@code net_gateway} is skipped with a note when the host had no default route.
     */
    @Test
    void aClientAddsItsOwnRouteLinesThroughTheTunnel() throws Exception {
        Tunnel t = startTunnel("udp", "tls-crypt", List.of(), List.of("route 10.99.0.0 255.255.0.0", "route 10.98.0.0 255.255.0.0 vpn_gateway 9",
                "route 10.97.0.0 255.255.0.0 net_gateway", "route-metric 50"));
        try {
            String routes = net.exec(client, "ip", "-4", "route", "show");
            assertTrue(routes.contains("10.99.0.0/16 via " + t.serverAddress() + " dev tun0 metric 50"), routes);
            assertTrue(routes.contains("10.98.0.0/16 via " + t.serverAddress() + " dev tun0 metric 9"), routes);
            assertTrue(!routes.contains("10.97.0.0"), routes);
            assertTrue(t.culvert.lines().stream().anyMatch(l -> l.contains("route 10.97.0.0 skipped: the host had no default route")),
                    String.join("\n", t.culvert.lines()));
            assertPings(t, 3);
        } finally {
            t.stop();
        }
    }

    /** With {@code connect-retry-max 2} and no server answering, the client tries each twice and exits with status 6. */
    @Test
    void aClientGivesUpWithItsStatusOnceEveryServerFailedConnectRetryMaxTimes() throws Exception {
        Tunnel t = launchTunnel("udp", "tls-crypt", List.of(), List.of("server-poll-timeout 1", "connect-retry-max 2"), DISTRIBUTION,
                port -> List.of("remote 192.0.2.1 " + (port + 100), "remote 192.0.2.1 " + (port + 200)));
        try {
            assertTrue(t.culvert.process().waitFor(60, TimeUnit.SECONDS), "the client gives up:\n" + String.join("\n", t.culvert.lines()));
            assertEquals(6, t.culvert.process().exitValue(), String.join("\n", t.culvert.lines()));
            List<String> log = t.culvert.lines();
            assertEquals(4, log.stream().filter(l -> l.contains("server poll timeout")).count(), "two servers, twice each:\n"
                    + String.join("\n", log));
            assertTrue(log.stream().anyMatch(l -> l.contains("connect-retry-max (2) times unsuccessful")), String.join("\n", log));
        } finally {
            t.stop();
        }
    }

    /**
     * redirect-gateway as 2.6 sets it on Linux. The client's namespace reaches "the internet"
     * (198.51.100.1, an address of the server's namespace) through its underlay default route.
     * <ul>
     * <li>The stock server pushes {@code redirect-gateway def1}: while the tunnel is up that address
     *     goes through tun0, 0.0.0.0/1 and 128.0.0.0/1 point into the tunnel, and the server itself
     *     keeps its underlay path.</li>
     * <li>The client's own {@code redirect-gateway} (no def1) with {@code pull-filter ignore
     *     "redirect-gateway"}: the pushed one is dropped, and the default route itself goes through
     *     the tunnel.</li>
     * <li>The same with {@code block-local}: the client's own network (192.0.2.0/30) goes through
     *     the tunnel too, in two /31 halves, while the server keeps its host route.</li>
     * </ul>
     * Each time, once the client stops, the routes are as they were.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pushed def1              | ''                                                   | 0.0.0.0/1",
        "own, push filtered out   | redirect-gateway;pull-filter ignore \"redirect-gateway\" | default via",
        "own with block-local     | redirect-gateway block-local;pull-filter ignore \"redirect-gateway\" | 192.0.2.2/31",
    })
    void redirectGatewaySendsTheInternetThroughTheTunnelAndTakesItBackOnExit(String name, String clientExtra, String routeShown)
            throws Exception {
        net.exec(client, "ip", "route", "replace", "default", "via", "192.0.2.1", "dev", "ul0");
        net.exec(server, "ip", "addr", "replace", "198.51.100.1/32", "dev", "lo");
        try {
            String before = routes(client);
            assertTrue(net.exec(client, "ip", "route", "get", "198.51.100.1").contains("dev ul0"), before);
            Tunnel t = startTunnel("udp", "tls-crypt", List.of("push \"redirect-gateway def1\""), lines(clientExtra));
            try {
                String during = routes(client);
                assertTrue(net.exec(client, "ip", "route", "get", "198.51.100.1").contains("dev tun0"), during);
                assertTrue(net.exec(client, "ip", "route", "get", "192.0.2.1").contains("dev ul0"), "the server keeps its path:\n" + during);
                assertTrue(during.lines().anyMatch(l -> l.startsWith(routeShown) && l.contains("dev tun0")), during);
                assertTrue(during.lines().noneMatch(l -> l.startsWith(routeShown.equals("0.0.0.0/1") ? "default via 10." : "0.0.0.0/1")),
                        "only one of the two ways:\n" + during);
                net.exec(client, "ping", "-c", "3", "-i", "0.2", "-W", "5", "198.51.100.1");
            } finally {
                t.stop();
            }
            assertEquals(before, routes(client), "the routes are as they were");
        } finally {
            net.exec(server, "ip", "addr", "del", "198.51.100.1/32", "dev", "lo");
            net.exec(client, "ip", "route", "del", "default");
        }
    }

    /**
     * The client ends by itself within 30 s, with status 0, having logged a line that contains
     * {@code why}; returns that line.
     */
    private static String assertExitsWithStatusZero(Tunnel t, String why) throws Exception {
        assertTrue(t.culvert.process().waitFor(30, TimeUnit.SECONDS), "the client exits:\n" + String.join("\n", t.culvert.lines()));
        List<String> lines = t.culvert.lines();
        assertEquals(0, t.culvert.process().exitValue(), String.join("\n", lines));
        return lines.stream().filter(l -> l.contains(why)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + why + "':\n" + String.join("\n", lines)));
    }

    private static String routes(String ns) throws IOException {
        return net.exec(ns, "ip", "-4", "route", "show").strip();
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static final String PASSWORD = "correct horse";

    /** A credentials file for auth-user-pass: the username on line 1, the password on line 2. */
    private static Path credentials(String name, String user, String password) throws IOException {
        Path file = work.resolve("up-" + name + ".txt");
        Files.writeString(file, user + "\n" + password + "\n");
        return file;
    }

    /** Server lines that check usernames and passwords with a script; each check adds a line to {@code calls}. */
    private static List<String> passwordServer(Path calls, List<String> extra) throws IOException {
        Path script = work.resolve("verify-" + calls.getFileName() + ".sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "echo checked >> '" + calls + "'\n"
                + "[ \"$(sed -n 1p \"$1\")\" = alice ] && [ \"$(sed -n 2p \"$1\")\" = '" + PASSWORD + "' ] || exit 1\n"
                // only once: a second check (a renegotiation that sent the password, not the token) fails
                + "[ \"$(wc -l < '" + calls + "')\" -eq 1 ]\n");
        script.toFile().setExecutable(true);
        List<String> lines = new java.util.ArrayList<>(List.of("script-security 2", "auth-user-pass-verify " + script + " via-file"));
        lines.addAll(extra);
        return lines;
    }

    /** A running pair: the stock server, the Culvert client, and the server's tunnel address. */
    static final class Tunnel {
        final int n;
        final Path serverConf;
        NodeProcess stock;
        NodeProcess culvert;

        /** The stock server's port. */
        int port() {
            return 1190 + n;
        }

        Tunnel(int n, Path serverConf) {
            this.n = n;
            this.serverConf = serverConf;
        }

        String serverAddress() {
            return "10.8." + n + ".1";
        }

        /** The address the stock server pushes to its first and only client (topology subnet). */
        String clientAddress() {
            return "10.8." + n + ".2";
        }

        void stop() throws InterruptedException {
            ClientInteropIT.stop(culvert);
            ClientInteropIT.stop(stock);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger TUNNELS = new java.util.concurrent.atomic.AtomicInteger();

    private static List<String> lines(String semicolonSeparated) {
        return semicolonSeparated.isBlank() ? List.of() : List.of(semicolonSeparated.split(";"));
    }

    /** Starts the stock server, waits for it, and starts the Culvert client against it without waiting. */
    private static Tunnel launchTunnel(String proto, String wrap, List<String> serverExtra, List<String> clientExtra) throws Exception {
        return launchTunnel(proto, wrap, serverExtra, clientExtra, DISTRIBUTION);
    }

    /** A copy of the distribution under test without the bundles whose names start with {@code prefix}, and without an AOT cache. */
    private static Path distributionWithout(String prefix) throws IOException {
        Path copy = work.resolve("culvert-without-" + prefix);
        if (!Files.isDirectory(copy)) {
            try (var tree = Files.walk(DISTRIBUTION)) {
                for (Path from : tree.toList()) {
                    Path relative = DISTRIBUTION.relativize(from);
                    if (relative.startsWith("work") || (relative.startsWith("bundle") && from.getFileName().toString().startsWith(prefix))) {
                        continue;
                    }
                    Path to = copy.resolve(relative.toString());
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        return copy;
    }

    private static Tunnel launchTunnel(String proto, String wrap, List<String> serverExtra, List<String> clientExtra, Path home)
            throws Exception {
        return launchTunnel(proto, wrap, serverExtra, clientExtra, home, port -> List.of("remote 192.0.2.1 " + port));
    }

    /** As above, with the client's {@code remote} lines made from the stock server's port. */
    private static Tunnel launchTunnel(String proto, String wrap, List<String> serverExtra, List<String> clientExtra, Path home,
                                       java.util.function.IntFunction<List<String>> remotes) throws Exception {
        int n = TUNNELS.incrementAndGet();
        int port = 1190 + n;
        List<String> serverLines = new java.util.ArrayList<>(List.of(
                "port " + port,
                "proto " + (proto.equals("tcp") ? "tcp-server" : "udp"),
                "dev tun",
                "topology subnet",
                "server 10.8." + n + ".0 255.255.255.0",
                "ca " + pki.file("ca.crt"),
                "cert " + pki.file("server.crt"),
                "key " + pki.file("server.key"),
                "dh none",
                wrapLine(wrap, "0"),
                "verb 3"));
        if (serverExtra.stream().noneMatch(l -> l.trim().startsWith("ping "))) {
            serverLines.add("keepalive 2 10"); // a server with its own ping lines pushes no ping-restart
        }
        serverLines.addAll(serverExtra.stream().map(String::trim).toList());
        Path serverConf = work.resolve("server" + n + ".conf");
        Files.writeString(serverConf, String.join("\n", serverLines) + "\n");
        Path clientConf = work.resolve("client" + n + ".conf");
        List<String> clientLines = new java.util.ArrayList<>(List.of(
                "client",
                "dev tun",
                "proto " + (proto.equals("tcp") ? "tcp-client" : "udp"),
                "nobind",
                "ca " + pki.file("ca.crt"),
                "cert " + pki.file("client.crt"),
                "key " + pki.file("client.key"),
                "remote-cert-tls server",
                wrapLine(wrap, "1"),
                "verb 3"));
        clientLines.addAll(remotes.apply(port));
        clientLines.addAll(clientExtra.stream().map(String::trim).toList());
        if (clientExtra.stream().anyMatch(l -> l.trim().matches("(lport|bind|local)( .*)?"))) {
            clientLines.remove("nobind"); // 2.6 refuses nobind beside a line that asks for a bound port
        }
        Files.writeString(clientConf, String.join("\n", clientLines) + "\n");
        Tunnel t = new Tunnel(n, serverConf);
        t.stock = net.startProgram(server, "openvpn-" + n, Map.of(), "openvpn", "--config", serverConf.toString());
        try {
            awaitLog(t.stock, "Initialization Sequence Completed", 30);
            t.culvert = net.startProgram(client, "culvert-" + n,
                    Map.of("JAVA_HOME", System.getProperty("java.home"),
                            "CULVERT_JAVA_OPTS", "-Dculvert.work=" + work.resolve("node" + n),
                            // a copied distribution would spend 10 s making its own cache
                            "CULVERT_AOT", home.equals(DISTRIBUTION) ? "on" : "off"),
                    home.resolve("bin/culvert").toString(), "--config", clientConf.toString(), "--no-shell");
            return t;
        } catch (Exception | AssertionError e) {
            t.stop();
            throw e;
        }
    }

    /** Starts the pair and waits until the Culvert client has its tunnel up. */
    private static Tunnel startTunnel(String proto, String wrap, List<String> serverExtra, List<String> clientExtra) throws Exception {
        return startTunnel(proto, wrap, serverExtra, clientExtra, DISTRIBUTION);
    }

    private static Tunnel startTunnel(String proto, String wrap, List<String> serverExtra, List<String> clientExtra, Path home)
            throws Exception {
        Tunnel t = launchTunnel(proto, wrap, serverExtra, clientExtra, home);
        try {
            awaitLog(t.culvert, "Initialization Sequence Completed", 60);
            return t;
        } catch (Exception | AssertionError e) {
            t.stop();
            throw e;
        }
    }

    /** Checks both TUN devices' addresses, then {@code count} small pings, then three of 1228 bytes filled with one byte (compressible, near the MTU). */
    private static void assertPings(Tunnel t, int count) throws IOException {
        // Each side carries only its own address: a client that also took the gateway's address
        // would answer these pings from its own kernel, with no tunnel at all.
        net.requireAddresses(client, "tun0", t.clientAddress() + "/24");
        net.requireAddresses(server, "tun0", t.serverAddress() + "/24");
        net.requireNoForwarding(client);
        net.requireNoForwarding(server);
        String ping = net.exec(client, "ping", "-c", Integer.toString(count), "-i", "0.2", "-W", "2", t.serverAddress());
        assertTrue(ping.contains(count + " packets transmitted, " + count + " received"), ping);
        String large = net.exec(client, "ping", "-c", "3", "-i", "0.2", "-W", "2", "-s", "1200", "-p", "61", t.serverAddress());
        assertTrue(large.contains("3 packets transmitted, 3 received"), large);
    }

    /**
     * Three echo requests of 1228 bytes, each one byte repeated, reach the server's side of the
     * underlay in fewer bytes than one of them: the Culvert client compressed them. A client that
     * sent them uncompressed (which stock OpenVPN accepts) puts more than 3 x 1228 bytes there.
     */
    private static void assertCompressedOnTheWire(Tunnel t) throws IOException {
        long before = receivedBytes(server, "ul0");
        String large = net.exec(client, "ping", "-c", "3", "-i", "0.2", "-W", "2", "-s", "1200", "-p", "61", t.serverAddress());
        long onTheWire = receivedBytes(server, "ul0") - before;
        assertTrue(large.contains("3 packets transmitted, 3 received"), large);
        assertTrue(onTheWire < 1228, "3 echo requests of 1228 bytes took " + onTheWire + " bytes on the underlay");
    }

    /** Bytes the kernel counted in on {@code device} in {@code ns} (every frame, keepalives included). */
    private static long receivedBytes(String ns, String device) throws IOException {
        return Long.parseLong(net.exec(ns, "cat", "/sys/class/net/" + device + "/statistics/rx_bytes").trim());
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
        awaitLogCount(process, text, 1, seconds);
    }

    /** Waits, bounded, for {@code count} lines containing {@code text}. */
    private static void awaitLogCount(NodeProcess process, String text, int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (process.lines().stream().filter(l -> l.contains(text)).count() >= count) {
                return;
            }
            if (!process.process().isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        Assertions.fail(process.label() + " did not log '" + text + "' " + count + " time(s) within " + seconds + " s"
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
