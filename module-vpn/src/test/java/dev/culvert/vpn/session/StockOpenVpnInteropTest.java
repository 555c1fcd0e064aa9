package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.testing.netns.NetnsHarness;
import dev.culvert.testing.netns.Prerequisites;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.vpn.control.ControlWrap;
import dev.culvert.vpn.control.KeyDirection;
import dev.culvert.vpn.control.NoWrap;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.TlsAuth;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.keys.OccOptionsString;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client core against STOCK OpenVPN 2.6 ({@code openvpn} on the PATH) as the server, in two
 * network namespaces: the server in one, the client core in the other on a thread that entered it,
 * with a plain JDK DatagramChannel or SocketChannel as transport and a small loop as runtime. An
 * ICMP echo request built by hand goes through the tunnel to the server's tun address, and the
 * reply must come back decrypted. Without root, {@code ip netns} or {@code openvpn} the class is
 * skipped, or fails with CI=true.
 */
class StockOpenVpnInteropTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String SERVER_IP = "192.0.2.1";
    private static NetnsHarness harness;
    private static String serverNs;
    private static String clientNs;
    private static Path dir;
    private static TestPki.Issued ca;
    private static TestPki.Issued clientCert;
    private static int port = 1194;
    private static int clientRenegSeconds;

    enum Wrapping { TLS_CRYPT, TLS_AUTH, NONE }

    @BeforeAll
    static void setUp() throws Exception {
        Prerequisites.require();
        if (!Files.isExecutable(Path.of("/usr/sbin/openvpn")) && !onPath("openvpn")) {
            Prerequisites.missing("stock openvpn binary not found (apt-get install -y openvpn)");
        }
        harness = NetnsHarness.open();
        serverNs = harness.namespace("ovpn-srv");
        clientNs = harness.namespace("ovpn-cli");
        harness.veth(serverNs, "vsrv", SERVER_IP + "/24", clientNs, "vcli", "192.0.2.2/24");
        dir = Files.createDirectories(Path.of("target", "interop-" + ProcessHandle.current().pid())).toAbsolutePath();
        ca = TestPki.ca("interop-ca");
        clientCert = TestPki.leaf(ca, "interop-client", TestPki.Usage.CLIENT);
        Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
        TestPki.leaf(ca, "interop-server", TestPki.Usage.SERVER).write(dir.resolve("server.crt"), dir.resolve("server.key"));
        Instant now = Instant.now();
        TestPki.leaf(ca, "expired-server", TestPki.Usage.SERVER, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
                .write(dir.resolve("expired.crt"), dir.resolve("expired.key"));
        TestPki.leaf(ca, "no-eku-server", TestPki.Usage.NONE).write(dir.resolve("noeku.crt"), dir.resolve("noeku.key"));
        run("openvpn", "--genkey", "tls-crypt", dir.resolve("tc.key").toString());
        run("openvpn", "--genkey", "tls-auth", dir.resolve("ta.key").toString());
    }

    @AfterAll
    static void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    // ---- the cases ----------------------------------------------------------------------------

    @Test
    void udpTlsCryptAes256GcmWithEkm() throws Exception {
        Result r = connectAndPing("udp-tc-aes256", false, Wrapping.TLS_CRYPT, "AES-256-GCM", true, "", 0);
        assertEquals(DataCipher.AES_256_GCM, r.connected.cipher());
        assertEquals("tls-ekm", r.connected.keyDerivation());
        assertEquals(0, r.connected.peerId());
        assertTrue(r.connected.pushReply().ccExit(), "the server pushed cc-exit");
        assertTrue(r.serverLog.contains("exit message received by peer"), "explicit-exit-notify reached the server as EXIT");
        assertTrue(r.serverLog.contains("IV_PROTO=142"), "announced DATA_V2|REQUEST_PUSH|TLS_KEY_EXPORT|CC_EXIT_NOTIFY");
    }

    @Test
    void udpTlsAuthAes128Gcm() throws Exception {
        Result r = connectAndPing("udp-ta-aes128", false, Wrapping.TLS_AUTH, "AES-128-GCM", true, "", 0);
        assertEquals(DataCipher.AES_128_GCM, r.connected.cipher());
    }

    @Test
    void udpNoWrapChacha20() throws Exception {
        Result r = connectAndPing("udp-none-chacha", false, Wrapping.NONE, "CHACHA20-POLY1305", true, "", 0);
        assertEquals(DataCipher.CHACHA20_POLY1305, r.connected.cipher());
    }

    @Test
    void udpPrfWhenTlsCappedAt12() throws Exception {
        Result r = connectAndPing("udp-prf", false, Wrapping.TLS_CRYPT, "AES-256-GCM", false, "", 0);
        assertEquals("prf", r.connected.keyDerivation());
        assertTrue(r.serverLog.contains("IV_PROTO=134"), "TLS 1.2 through BCJSSE cannot export: no TLS_KEY_EXPORT bit");
    }

    @Test
    void tcpTlsCryptAes256Gcm() throws Exception {
        Result r = connectAndPing("tcp-tc-aes256", true, Wrapping.TLS_CRYPT, "AES-256-GCM", true, "", 0);
        assertEquals(DataCipher.AES_256_GCM, r.connected.cipher());
    }

    @Test
    void tcpTlsAuthChacha20Prf() throws Exception {
        Result r = connectAndPing("tcp-ta-chacha-prf", true, Wrapping.TLS_AUTH, "CHACHA20-POLY1305", false, "", 0);
        assertEquals("prf", r.connected.keyDerivation());
    }

    @Test
    void serverRenegotiatesEveryTwoSecondsAndPingsGoOn() throws Exception {
        Result r = connectAndPing("udp-reneg", false, Wrapping.TLS_CRYPT, "AES-256-GCM", true, "reneg-sec 2\n", 9);
        assertTrue(r.renegotiations >= 2, "only " + r.renegotiations + " renegotiations");
    }

    @Test
    void clientRenegotiatesOnItsOwnRenegSec() throws Exception {
        clientRenegSeconds = 3;
        try {
            Result r = connectAndPing("udp-client-reneg", false, Wrapping.TLS_CRYPT, "AES-128-GCM", true, "", 9);
            assertTrue(r.renegotiations >= 2, "only " + r.renegotiations + " renegotiations");
        } finally {
            clientRenegSeconds = 0;
        }
    }

    @Test
    void clientReconnectsAfterServerRestart() throws Exception {
        Result r = connectAndPing("udp-restart", false, Wrapping.TLS_CRYPT, "AES-256-GCM", true, "", -1);
        assertEquals(2, r.connects, "the client connected, then again to the restarted server; events " + r.events);
        assertTrue(r.serverLog.contains("Peer Connection Initiated"), "the restarted server saw the client:\n" + r.serverLog);
    }

    @Test
    void tcpClientReconnectsAfterServerRestart() throws Exception {
        Result r = connectAndPing("tcp-restart", true, Wrapping.TLS_CRYPT, "AES-256-GCM", true, "", -1);
        assertEquals(2, r.connects, "the client connected, then again over a new TCP connection; events " + r.events);
        assertTrue(r.serverLog.contains("Peer Connection Initiated"), "the restarted server saw the client:\n" + r.serverLog);
    }

    @Test
    void wrongCaIsRefused() throws Exception {
        TestPki.Issued otherCa = TestPki.ca("other-ca");
        String reason = expectRefusal("wrong-ca", "server.crt", "server.key", otherCa);
        assertTrue(reason.contains("TLS error"), reason);
    }

    @Test
    void expiredServerCertificateIsRefused() throws Exception {
        String reason = expectRefusal("expired", "expired.crt", "expired.key", ca);
        assertTrue(reason.toLowerCase().contains("expired") || reason.toLowerCase().contains("valid"), reason);
    }

    @Test
    void serverCertificateWithoutServerAuthIsRefused() throws Exception {
        String reason = expectRefusal("no-eku", "noeku.crt", "noeku.key", ca);
        assertTrue(reason.contains("remote-cert-tls server") || reason.contains("Server Authentication"), reason);
    }

    // ---- machinery ----------------------------------------------------------------------------

    /** What a run saw: its first connection, the client's own counts of renegotiations and connections, its events, the last server's log. */
    record Result(SessionEvent.Connected connected, int renegotiations, int connects, List<SessionEvent> events, String serverLog) {
    }

    private static Process startServer(String label, boolean tcp, Wrapping wrapping, String ciphers, String extra,
                                       String cert, String key) throws Exception {
        int p = ++port;
        StringBuilder conf = new StringBuilder();
        conf.append("port ").append(p).append('\n')
                .append("proto ").append(tcp ? "tcp-server" : "udp").append('\n')
                .append("local ").append(SERVER_IP).append('\n')
                .append("dev tun\ntopology subnet\nserver 10.8.0.0 255.255.255.0\n")
                .append("ca ").append(dir.resolve("ca.crt")).append('\n')
                .append("cert ").append(dir.resolve(cert)).append('\n')
                .append("key ").append(dir.resolve(key)).append('\n')
                .append("dh none\nkeepalive 2 10\nverb 4\n")
                .append("data-ciphers ").append(ciphers).append('\n');
        switch (wrapping) {
            case TLS_CRYPT -> conf.append("tls-crypt ").append(dir.resolve("tc.key")).append('\n');
            case TLS_AUTH -> conf.append("tls-auth ").append(dir.resolve("ta.key")).append(" 0\n");
            case NONE -> { }
        }
        conf.append(extra);
        Path confFile = dir.resolve(label + ".conf");
        Files.writeString(confFile, conf);
        Path log = dir.resolve(label + ".log");
        Files.deleteIfExists(log);
        Process process = new ProcessBuilder("ip", "netns", "exec", serverNs, "openvpn", "--config", confFile.toString(),
                "--writepid", dir.resolve(label + ".pid").toString(), "--log", log.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(label + ".out").toFile()).start();
        long deadline = System.nanoTime() + 15 * SECOND;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("Initialization Sequence Completed")) {
                return process;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("openvpn exited: " + (Files.exists(log) ? Files.readString(log) : ""));
            }
            Thread.sleep(50);
        }
        stop(process);
        throw new IllegalStateException("openvpn did not start within 15 s; see " + log);
    }

    /** The server's log once it contains {@code text}; fails, showing the log, if the time runs out first. */
    private static String awaitLog(String label, String text, long timeoutNanos) throws Exception {
        Path log = dir.resolve(label + ".log");
        long deadline = System.nanoTime() + timeoutNanos;
        String content = "";
        while (System.nanoTime() < deadline) {
            content = Files.exists(log) ? Files.readString(log) : "";
            if (content.contains(text)) {
                return content;
            }
            Thread.sleep(50);
        }
        return fail("the server's log " + log + " did not say '" + text + "' within " + timeoutNanos / SECOND + " s:\n" + content);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static SessionSettings clientSettings(boolean tcp, Wrapping wrapping, String ciphers, boolean tls13, TestPki.Issued trust)
            throws Exception {
        TlsSettings tls = new TlsSettings(true, List.of(trust.certificate()), List.of(clientCert.certificate()),
                clientCert.keys().getPrivate(), "TLSv1.2", tls13 ? "TLSv1.3" : "TLSv1.2", false, RequiredPeerUsage.TLS_SERVER);
        ControlWrapFactory wrap = switch (wrapping) {
            case TLS_CRYPT -> {
                StaticKey key = StaticKey.read(dir.resolve("tc.key"));
                yield epoch -> TlsCrypt.forClient(key, epoch);
            }
            case TLS_AUTH -> {
                StaticKey key = StaticKey.read(dir.resolve("ta.key"));
                yield epoch -> (ControlWrap) new TlsAuth(key, KeyDirection.INVERSE, HmacDigest.SHA1, epoch);
            }
            case NONE -> epoch -> new NoWrap();
        };
        return SessionSettings.forClient(new CommonSettings(new BcTlsProvider(), tls, ControlWrapping.of(wrap, wrapping == Wrapping.TLS_AUTH),
                tcp ? OccOptionsString.Transport.TCP : OccOptionsString.Transport.UDP,
                DataSettings.of(dev.culvert.vpn.push.DataCiphers.parse(ciphers), new JceAeadProvider()),
                SessionTimers.defaults().withReneg(clientRenegSeconds).withHandWindow(30).withPing(10).withPingRestart(60),
                new SecureRandom()), ClientSettings.announcing("culvert-test").withExplicitExitNotify(1));
    }

    /**
     * Starts a server, connects, pings 10.8.0.1 through the tunnel. {@code keepPingingSeconds} > 0
     * keeps pinging that long (once a second, each must be answered); -1 restarts the server
     * after the first reply and expects the client to reconnect and ping again.
     */
    private static Result connectAndPing(String label, boolean tcp, Wrapping wrapping, String ciphers, boolean tls13,
                                         String serverExtra, int keepPingingSeconds) throws Exception {
        Process server = startServer(label, tcp, wrapping, ciphers, serverExtra, "server.crt", "server.key");
        try {
            ClientLoop loop = ClientLoop.open(tcp, port, clientSettings(tcp, wrapping, ciphers, tls13, ca));
            try {
                SessionEvent.Connected connected = loop.awaitConnected(30 * SECOND);
                String local = connected.pushReply().ifconfig().localText();
                loop.assertEcho(local, 1, 10 * SECOND);
                if (keepPingingSeconds > 0) {
                    for (int i = 2; i <= keepPingingSeconds + 1; i++) {
                        loop.assertEcho(local, i, 5 * SECOND);
                        loop.runFor(SECOND);
                    }
                } else if (keepPingingSeconds < 0) {
                    stop(server);
                    server = startServer(label + "-again", tcp, wrapping, ciphers, serverExtra, "server.crt", "server.key");
                    loop.retarget(port);
                    SessionEvent.Connected again = loop.awaitReconnected(45 * SECOND);
                    loop.assertEcho(again.pushReply().ifconfig().localText(), 2, 10 * SECOND);
                }
                if (clientRenegSeconds > 0 || serverExtra.contains("reneg-sec")) {
                    // Say goodbye in the middle of a renegotiation, the hard case: stock 2.6 reads
                    // control messages only from the key still negotiating (ExitNotification).
                    loop.awaitRenegotiationUnderway(10 * SECOND);
                }
                int renegotiations = loop.renegotiations;
                loop.close();
                String log = awaitLog(label + (keepPingingSeconds < 0 ? "-again" : ""), "exit message received by peer", 5 * SECOND);
                return new Result(connected, renegotiations, loop.connects, List.copyOf(loop.seen), log);
            } finally {
                loop.shutdown();
            }
        } finally {
            stop(server);
        }
    }

    private static String expectRefusal(String label, String cert, String key, TestPki.Issued trust) throws Exception {
        Process server = startServer(label, false, Wrapping.TLS_CRYPT, "AES-256-GCM", "", cert, key);
        try {
            ClientLoop loop = ClientLoop.open(false, port, clientSettings(false, Wrapping.TLS_CRYPT, "AES-256-GCM", true, trust));
            try {
                SessionEvent.Failed failed = loop.awaitFailure(30 * SECOND);
                assertTrue(failed.fatal(), "a refused certificate is fatal: " + failed);
                return failed.reason();
            } finally {
                loop.shutdown();
            }
        } finally {
            stop(server);
        }
    }

    /** The test's runtime: one session over one socket, driven from the test thread. */
    static final class ClientLoop {
        final boolean tcp;
        final SessionSettings settings;
        final PacketPool pool = new PacketPool("interop", 64);
        final RecordingOutput out = new RecordingOutput();
        final ByteBuffer rx = ByteBuffer.allocate(65536);
        ByteChannel channel;
        VpnSession session;
        int port;
        int renegotiations;
        int connects;
        SessionEvent.Connected lastConnected;
        byte[] echoReply;
        int echoRequests;
        int echoReplies;
        long restartAt = -1;

        private ClientLoop(boolean tcp, int port, SessionSettings settings) {
            this.tcp = tcp;
            this.port = port;
            this.settings = settings;
        }

        static ClientLoop open(boolean tcp, int port, SessionSettings settings) throws Exception {
            ClientLoop loop = new ClientLoop(tcp, port, settings);
            loop.connect();
            return loop;
        }

        void retarget(int newPort) {
            this.port = newPort;
        }

        private void connect() throws Exception {
            int p = port;
            channel = harness.inNamespace(clientNs, () -> {
                if (tcp) {
                    SocketChannel s = SocketChannel.open(new InetSocketAddress(SERVER_IP, p));
                    s.configureBlocking(false);
                    return s;
                }
                DatagramChannel d = DatagramChannel.open();
                d.connect(new InetSocketAddress(SERVER_IP, p));
                d.configureBlocking(false);
                return d;
            });
            rx.clear();
            long now = System.nanoTime();
            session = new VpnSession(settings, out, now, System.currentTimeMillis() / 1000);
            session.start(now);
            pump(now);
        }

        void step() throws Exception {
            long now = System.nanoTime();
            if (restartAt > 0 && now - restartAt >= 0) {
                restartAt = -1;
                session.dispose();
                channel.close();
                try {
                    connect();
                } catch (IOException e) {
                    // The server is not back yet: try again in a second, as 2.6 does with connect-retry.
                    restartAt = now + SECOND;
                    return;
                }
            }
            session.tick(now);
            readAll(now);
            pump(now);
            Thread.sleep(2);
        }

        private void readAll(long now) throws IOException {
            for (int i = 0; i < 256; i++) {
                int n;
                try {
                    n = channel.read(rx);
                } catch (IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    if (tcp && session.state() != VpnSession.State.CLOSED) {
                        session.transportFailed("connection closed by the server");
                    }
                    return;
                }
                if (n == 0 && (tcp || rx.position() == 0)) {
                    return;
                }
                rx.flip();
                if (tcp) {
                    while (rx.remaining() >= 2) {
                        int len = rx.getShort(rx.position()) & 0xffff;
                        if (rx.remaining() < 2 + len) {
                            break;
                        }
                        byte[] b = new byte[len];
                        rx.position(rx.position() + 2);
                        rx.get(b);
                        handle(b, now);
                    }
                    rx.compact();
                } else {
                    byte[] b = new byte[rx.remaining()];
                    rx.get(b);
                    rx.clear();
                    handle(b, now);
                }
            }
        }

        private void handle(byte[] b, long now) {
            if (b.length > 0 && VpnSession.isDataPacket(b[0] & 0xff)) {
                Packet p = pool.acquire();
                p.setContents(b, 0, b.length);
                if (session.dataPlane().open(p, now) == DataPlane.Opened.TUNNEL) {
                    byte[] inside = p.toByteArray();
                    if (inside.length >= 28 && inside[9] == 1 && inside[20] == 0) {
                        echoReply = inside;
                        echoReplies++;
                    }
                }
                p.release();
            } else {
                session.receive(b, 0, b.length, now);
            }
        }

        private void pump(long now) throws IOException {
            for (byte[] b; (b = out.toPeer.poll()) != null; ) {
                write(b);
            }
            for (DataPlane.ControlPayload payload; (payload = out.payloads.poll()) != null; ) {
                Packet p = pool.acquire();
                if (session.dataPlane().sealControlPayload(payload, p, now) == null) {
                    write(p.toByteArray());
                }
                p.release();
            }
            for (SessionEvent e; !out.events.isEmpty(); ) {
                e = out.events.remove(0);
                seen.add(e);
                if (e instanceof SessionEvent.Connected c) {
                    lastConnected = c;
                    connects++;
                } else if (e instanceof SessionEvent.Renegotiated) {
                    renegotiations++;
                } else if (e instanceof SessionEvent.Restart && restartAt < 0) {
                    restartAt = now + SECOND;
                }
            }
        }

        final List<SessionEvent> seen = new ArrayList<>();

        private void write(byte[] b) throws IOException {
            try {
                if (tcp) {
                    ByteBuffer buf = ByteBuffer.allocate(2 + b.length);
                    buf.putShort((short) b.length).put(b).flip();
                    long deadline = System.nanoTime() + 2 * SECOND;
                    while (buf.hasRemaining() && System.nanoTime() < deadline) {
                        channel.write(buf);
                    }
                } else {
                    channel.write(ByteBuffer.wrap(b));
                }
            } catch (IOException e) {
                // ECONNREFUSED while the server is down: the reliability layer resends.
            }
        }

        SessionEvent.Connected awaitConnected(long timeoutNanos) throws Exception {
            long deadline = System.nanoTime() + timeoutNanos;
            while (connects == 0) {
                failOnFatal();
                if (System.nanoTime() > deadline) {
                    fail("no connection within " + timeoutNanos / SECOND + " s; events " + seen + "; drops " + session.drops());
                }
                step();
            }
            return lastConnected;
        }

        SessionEvent.Connected awaitReconnected(long timeoutNanos) throws Exception {
            long deadline = System.nanoTime() + timeoutNanos;
            int before = connects;
            while (connects == before) {
                if (System.nanoTime() > deadline) {
                    fail("no reconnection within " + timeoutNanos / SECOND + " s; events " + seen + "; drops " + session.drops());
                }
                step();
            }
            return lastConnected;
        }

        /** Runs the loop until a renegotiation has started and not yet finished. */
        void awaitRenegotiationUnderway(long timeoutNanos) throws Exception {
            long deadline = System.nanoTime() + timeoutNanos;
            while (!session.renegotiating()) {
                failOnFatal();
                if (System.nanoTime() > deadline) {
                    fail("no renegotiation under way within " + timeoutNanos / SECOND + " s; events " + seen);
                }
                step();
            }
        }

        SessionEvent.Failed awaitFailure(long timeoutNanos) throws Exception {
            long deadline = System.nanoTime() + timeoutNanos;
            while (true) {
                for (SessionEvent e : seen) {
                    if (e instanceof SessionEvent.Failed f) {
                        return f;
                    }
                }
                if (connects > 0 || System.nanoTime() > deadline) {
                    fail("expected a refusal; events " + seen);
                }
                step();
            }
        }

        private void failOnFatal() {
            for (SessionEvent e : seen) {
                if (e instanceof SessionEvent.Failed f) {
                    fail("session failed: " + f);
                }
            }
        }

        /**
         * Sends one echo request, once, and waits for its reply. The veth between the namespaces
         * loses nothing, so neither does a working tunnel: every request sent so far must have had
         * exactly one reply, and a request the tunnel lost fails the test instead of being resent.
         */
        void assertEcho(String local, int sequence, long timeoutNanos) throws Exception {
            echoReply = null;
            byte[] request = Icmp.echoRequest(local, "10.8.0.1", 0x4356, sequence);
            long now = System.nanoTime();
            Packet p = pool.acquire();
            p.setContents(request, 0, request.length);
            var refused = session.dataPlane().seal(p, now);
            if (refused == null) {
                write(p.toByteArray());
            }
            p.release();
            assertEquals(null, refused, "echo request " + sequence + " could not be sealed");
            echoRequests++;
            long deadline = now + timeoutNanos;
            while (echoReply == null || (echoReply[27] & 0xff) != (sequence & 0xff)) {
                if (System.nanoTime() > deadline) {
                    fail("echo request " + sequence + " (sent once) had no reply within " + timeoutNanos / SECOND + " s; "
                            + echoReplies + " replies to " + echoRequests + " requests; events " + seen + "; drops " + session.drops());
                }
                step();
            }
            assertEquals("10.8.0.1", Icmp.source(echoReply));
            assertEquals(echoRequests, echoReplies, "one reply per echo request sent, none lost and none twice");
        }

        void runFor(long nanos) throws Exception {
            long until = System.nanoTime() + nanos;
            while (System.nanoTime() < until) {
                step();
            }
        }

        void close() throws Exception {
            long now = System.nanoTime();
            session.close(now);
            pump(now);
            runFor(SECOND / 5);
        }

        void shutdown() throws IOException {
            session.dispose();
            channel.close();
            assertEquals(0, pool.outstanding(), "every packet went back to the pool");
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    private static boolean onPath(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, binary))) {
                return true;
            }
        }
        return false;
    }
}
