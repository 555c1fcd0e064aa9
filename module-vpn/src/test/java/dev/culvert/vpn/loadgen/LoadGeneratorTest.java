package dev.culvert.vpn.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.config.Config;
import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.io.transport.UdpTransportFactory;
import dev.culvert.core.link.VirtualLink;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.ipv4.Ipv4Protocol;
import dev.culvert.routing.ClientServerRouter;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.spi.node.RunningNode;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.vpn.server.VpnServerRole;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator against a real Culvert server in this JVM (its real UDP transport on the
 * loopback, a TUN in memory): every client does the whole handshake (tls-crypt, TLS, key method
 * 2, PUSH_REQUEST and PUSH_REPLY) on its own socket and stays connected through the idle window.
 */
class LoadGeneratorTest {
    private static final String[] PKI = {"ca.crt", "client.crt", "client.key", "server.crt", "server.key", "tc.key"};

    @Test
    void connectsEveryClientToARealServerOnItsOwnSocketAndKeepsThemConnected(@TempDir Path dir) throws Exception {
        writeDemoPki(dir);
        int port = freeUdpPort();
        RunningNode server = new VpnServerRole().start(Config.of("local 127.0.0.1\nport " + port + "\nproto udp\ndev tun\n"
                + "ca " + dir.resolve("ca.crt") + "\ncert " + dir.resolve("server.crt") + "\nkey " + dir.resolve("server.key")
                + "\ndh none\ntls-crypt " + dir.resolve("tc.key") + "\nserver 10.8.0.0 255.255.255.0\ntopology subnet\n"
                + "keepalive 10 60\nduplicate-cn\nculvert-workers 1\n", "server.conf"), serverSlots());
        try {
            Path conf = dir.resolve("client.conf");
            Files.writeString(conf, "client\ndev tun\nproto udp\nremote 127.0.0.1 " + port + "\nnobind\nca ca.crt\ncert client.crt\n"
                    + "key client.key\ntls-crypt tc.key\nremote-cert-tls server\n");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            LoadOptions options = LoadOptions.parse(List.of("--config", conf.toString(), "--clients", "4", "--rate", "50",
                    "--threads", "2", "--idle-seconds", "1", "--connect-timeout", "50"));
            LoadResult result = new LoadGenerator(options, new BcTlsProvider(), new JceAeadProvider(),
                    new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
            String report = printed.toString(StandardCharsets.UTF_8);

            assertEquals(4, result.connected(), report + server.status());
            assertEquals(0, result.failed(), report);
            assertEquals(0, result.lost(), report);
            assertEquals(0, result.pingRestarts(), report);
            assertTrue(report.contains("summary clients=4 connected=4 failed=0 lost=0 ping_restarts=0 "), report);
            assertEquals(0, result.notReceivedCount(), "every datagram from the server was taken: " + result.notReceived());
            assertTrue(report.contains(" not_received=0 "), report);
        } finally {
            server.close();
        }
    }

    private static SlotRegistry serverSlots() {
        SlotRegistry registry = new SlotRegistry();
        ModuleBinder.bind(registry, new JceAeadProvider(), "jce", AeadProvider.DEFAULT_RANKING);
        ModuleBinder.bind(registry, new BcTlsProvider(), null, null);
        ModuleBinder.bind(registry, new Ipv4Protocol(), null, null);
        ModuleBinder.bind(registry, new ClientServerRouter(), null, null);
        ModuleBinder.bind(registry, new UnusedTun(), "tun", 0);
        ModuleBinder.bind(registry, new UdpTransportFactory(), "udp", 0);
        return registry;
    }

    /** The server's TUN device: an in-memory cable whose far end nobody reads (idle clients send nothing inside). */
    private static final class UnusedTun implements LinkFactory {
        @Override
        public String kind() {
            return "tun";
        }

        @Override
        public Link[] open(String name, int mtu, int queues) {
            Link[] near = new Link[queues];
            for (int q = 0; q < queues; q++) {
                near[q] = VirtualLink.pair("unused-tun-q" + q, Math.max(mtu, 1600), 16)[0];
            }
            return near;
        }

        @Override
        public void configure(List<String> ipArguments) {
            // no device to configure
        }
    }

    private static void writeDemoPki(Path dir) throws IOException {
        for (String name : PKI) {
            try (InputStream in = LoadGeneratorTest.class.getResourceAsStream("/dev/culvert/vpn/demo/" + name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
