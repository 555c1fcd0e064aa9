package dev.culvert.vpn.demo;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.config.Config;
import dev.culvert.core.embed.Kernel;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.spi.tls.TlsSettings;
import dev.culvert.vpn.ccd.ClientOverrides;
import dev.culvert.vpn.config.ServerConfig;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.pem.PemCertificates;
import dev.culvert.vpn.pem.PemPrivateKeys;
import dev.culvert.vpn.push.ServerPushReply;
import dev.culvert.vpn.session.ClientSettings;
import dev.culvert.vpn.session.CommonSettings;
import dev.culvert.vpn.session.ControlWrapping;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.DataSettings;
import dev.culvert.vpn.session.PushReplySource;
import dev.culvert.vpn.session.SessionEvent;
import dev.culvert.vpn.session.MemoryWire;
import dev.culvert.vpn.session.SessionSettings;
import dev.culvert.vpn.session.SessionTimers;
import dev.culvert.vpn.session.VpnSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A Culvert client and a Culvert server talking OpenVPN 2.6 to each other in one process:
 * hard resets, tls-crypt, a TLS 1.3 handshake through the TLS slot's provider, key method 2,
 * PUSH_REQUEST and PUSH_REPLY, EKM keys, then ICMP echo requests sealed by the client, opened by
 * the server, answered, and opened by the client. {@code bin/culvert --demo} runs it after the
 * virtual-network part when module-vpn is installed.
 */
@Component(service = VirtualTunnelDemo.class)
public final class VirtualTunnelDemo {
    private static final String PKI = "/dev/culvert/vpn/demo/";
    private static final long STEP_NANOS = 1_000_000L;
    private static final int CLIENT = 0x0A080002;   // 10.8.0.2, what the server pushes
    private static final int SERVER = 0x0A080001;   // 10.8.0.1
    /** The server's configuration as an operator would write it; the demo PKI is appended inline. */
    private static final String SERVER_CONF = """
            dev tun
            proto udp
            server 10.8.0.0 255.255.255.0
            topology subnet
            keepalive 10 60
            remote-cert-tls client
            reneg-sec 0
            """;

    @Reference
    private Kernel kernel;

    /** Runs the demo with the node's TLS and AEAD providers; a report, ending "=> tunnel up" on success. */
    public String run(int pings) throws Exception {
        SlotRegistry registry = kernel.registry();
        TlsProvider tls = registry.slot(SlotNames.TLS, TlsProvider.class).active()
                .orElseThrow(() -> new IllegalStateException("no TLS module installed (module-ssl-bc)"));
        AeadProvider aead = registry.slot(SlotNames.AEAD, AeadProvider.class).active().orElseGet(JceAeadProvider::new);
        return run(tls, aead, pings);
    }

    /** The same in a plain JVM, with providers handed in. */
    public static String run(TlsProvider tls, AeadProvider aead, int pings) throws Exception {
        List<X509Certificate> ca = PemCertificates.read(resource("ca.crt"), "demo ca.crt");
        StaticKey tc = StaticKey.parse(resource("tc.key"), "demo tc.key");
        ServerConfig serverConfig = ServerConfig.from(Config.of(SERVER_CONF + "<ca>\n" + resource("ca.crt") + "</ca>\n<cert>\n"
                + resource("server.crt") + "</cert>\n<key>\n" + resource("server.key") + "</key>\n<tls-crypt>\n" + resource("tc.key")
                + "</tls-crypt>\n", "demo server.conf"));
        PushReplySource push = (info, cipher, ekm, ccExit) -> ServerPushReply.compose(serverConfig, ClientOverrides.NONE, CLIENT,
                serverConfig.tunnel().netmask(), 0, info, cipher, ekm, ccExit);
        MemoryWire toServer = new MemoryWire();
        MemoryWire toClient = new MemoryWire();
        long now = System.nanoTime();
        long epoch = System.currentTimeMillis() / 1000;
        SecureRandom random = new SecureRandom();
        VpnSession client = new VpnSession(SessionSettings.forClient(new CommonSettings(tls,
                new TlsSettings(true, ca, PemCertificates.read(resource("client.crt"), "demo client.crt"),
                        PemPrivateKeys.read(resource("client.key"), "demo client.key"), "TLSv1.2", "TLSv1.3", false,
                        RequiredPeerUsage.TLS_SERVER),
                ControlWrapping.notTlsAuth(e -> TlsCrypt.forClient(tc, e)), OccOptionsString.Transport.UDP,
                DataSettings.of(DataCipher.AEAD, aead),
                SessionTimers.defaults().withReneg(0).withPing(10).withPingRestart(60), random),
                ClientSettings.announcing("culvert-demo")), toServer, now, epoch);
        VpnSession server = new VpnSession(serverConfig.toSessionSettings(tls, aead, random, OccOptionsString.Transport.UDP, push),
                toClient, now, epoch);
        StringBuilder report = new StringBuilder();
        PacketPool pool = new PacketPool("tunnel-demo", 64);
        try {
            client.start(now);
            server.start(now);
            long deadline = now + 20_000 * STEP_NANOS;
            while ((toServer.connected() == null || toClient.connected() == null) && System.nanoTime() < deadline
                    && toServer.failure() == null && toClient.failure() == null) {
                now = System.nanoTime();
                toServer.deliverTo(server, pool, now);
                toClient.deliverTo(client, pool, now);
                client.tick(now);
                server.tick(now);
                if (toServer.idle() && toClient.idle()) {
                    Thread.sleep(1);
                }
            }
            if (toServer.connected() == null || toClient.connected() == null) {
                return report.append("tunnel did not come up: ")
                        .append(toServer.failure() != null ? toServer.failure() : toClient.failure() != null ? toClient.failure() : "timed out")
                        .append("  => tunnel FAILED\n").toString();
            }
            SessionEvent.Connected c = toServer.connected();
            report.append("client connected: cipher ").append(c.cipher().openvpnName()).append(", keys by ")
                    .append(c.keyDerivation()).append(", ").append(c.tlsProtocol()).append(", peer-id ").append(c.peerId())
                    .append(", pushed ifconfig ").append(c.pushReply().ifconfig().localText()).append('\n');
            int replies = 0;
            for (int seq = 1; seq <= pings; seq++) {
                if (echo(client, server, pool, seq)) {
                    replies++;
                }
            }
            report.append(pings).append(" ICMP echo requests 10.8.0.2 -> 10.8.0.1 through the tunnel, ")
                    .append(replies).append(" replies");
            report.append(replies == pings ? "  => tunnel up\n" : "  => tunnel FAILED\n");
            return report.toString();
        } finally {
            client.dispose();
            server.dispose();
        }
    }

    /** One echo request sealed by the client, opened and answered by the server, opened by the client. */
    private static boolean echo(VpnSession client, VpnSession server, PacketPool pool, int seq) {
        Packet p = pool.acquire();
        try {
            writeEcho(p, CLIENT, SERVER, 8, seq);
            long now = System.nanoTime();
            if (client.dataPlane().seal(p, now) != null || server.dataPlane().open(p, now) != DataPlane.Opened.TUNNEL) {
                return false;
            }
            if (p.getUnsignedByte(9) != 1 || p.getUnsignedByte(20) != 8 || p.getInt(12) != CLIENT) {
                return false;
            }
            writeEcho(p, SERVER, CLIENT, 0, seq);
            if (server.dataPlane().seal(p, now) != null || client.dataPlane().open(p, now) != DataPlane.Opened.TUNNEL) {
                return false;
            }
            return p.getUnsignedByte(20) == 0 && p.getUnsignedShort(26) == seq && p.getInt(16) == CLIENT;
        } finally {
            p.release();
        }
    }

    /** An IPv4 ICMP echo (type 8) or echo reply (type 0) with 32 bytes of payload, checksums set. */
    private static void writeEcho(Packet p, int src, int dst, int type, int seq) {
        p.setWindow(p.pool().headroom(), 20 + 8 + 32);
        for (int i = 0; i < p.length(); i++) {
            p.putByte(i, i >= 28 ? 'a' + (i % 26) : 0);
        }
        p.putByte(0, 0x45);
        p.putShort(2, p.length());
        p.putByte(8, 64);
        p.putByte(9, 1);
        p.putInt(12, src);
        p.putInt(16, dst);
        p.putShort(10, InternetChecksum.compute(p, 0, 20));
        p.putByte(20, type);
        p.putShort(24, 0x4355);
        p.putShort(26, seq);
        p.putShort(22, InternetChecksum.compute(p, 20, p.length() - 20));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = VirtualTunnelDemo.class.getResourceAsStream(PKI + name)) {
            if (in == null) {
                throw new IOException("demo PKI file " + name + " is missing from module-vpn");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
