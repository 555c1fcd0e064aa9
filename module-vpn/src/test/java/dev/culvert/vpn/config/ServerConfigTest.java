package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.config.Config;
import dev.culvert.core.embed.KernelDirectives;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.vpn.control.KeyDirection;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.push.Topology;
import dev.culvert.vpn.session.SessionSettings;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
    static final List<DirectiveHandler> HANDLERS = List.of(new VpnDirectives(), new ServerDirectives(), new PeerCertificateDirectives(),
            new KernelDirectives(), new RoutingStandIn());

    /** The directives of OpenVPN 2.6's sample server.conf, its optional lines switched on, Culvert's refusals aside. */
    private static final String SAMPLE_SERVER = """
            port 1194
            proto udp
            dev tun
            ca ca.crt
            cert server.crt
            key server.key  # This file should be kept secret
            dh dh2048.pem
            data-ciphers AES-256-GCM:AES-128-GCM:?CHACHA20-POLY1305
            topology subnet
            server 10.8.0.0 255.255.255.0
            ifconfig-pool-persist ipp.txt
            push "route 192.168.10.0 255.255.255.0"
            push "route 192.168.20.0 255.255.255.0"
            client-config-dir ccd
            route 192.168.40.128 255.255.255.248
            route 10.9.0.0 255.255.255.252
            push "redirect-gateway def1 bypass-dhcp"
            push "dhcp-option DNS 208.67.222.222"
            push "dhcp-option DNS 208.67.220.220"
            client-to-client
            duplicate-cn
            keepalive 10 120
            tls-auth ta.key 0 # This file is secret
            max-clients 100
            user openvpn
            group openvpn
            persist-key
            persist-tun
            status openvpn-status.log
            verb 3
            mute 20
            explicit-exit-notify 1
            """;

    private static ServerConfig load(Path dir, String text) throws Exception {
        ServerFiles.write(dir);
        Path file = dir.resolve("server.conf");
        Files.writeString(file, text);
        Config config = Config.load(file);
        assertEquals(List.of(), config.validate(HANDLERS));
        return ServerConfig.from(config);
    }

    private static ConfigException refusal(String text) throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + text, "s.conf");
        List<ConfigException> problems = config.validate(HANDLERS);
        if (!problems.isEmpty()) {
            return problems.get(0);
        }
        return assertThrows(ConfigException.class, () -> ServerConfig.from(config));
    }

    /** The inline PKI takes lines 1 to this many; the test's own text starts after. */
    private static int pkiLines() throws Exception {
        return (int) ServerFiles.inlinePki().chars().filter(c -> c == '\n').count();
    }

    @Test
    void theSampleServerConfigurationRunsUnchanged(@TempDir Path dir) throws Exception {
        ServerConfig c = load(dir, SAMPLE_SERVER);
        assertEquals(List.of(new Listener(Listener.Proto.UDP, new InetSocketAddress("::", 1194), true)), c.listeners(),
                "'proto udp' without 'local': the dual-stack wildcard, a family left to the default");
        assertEquals(Topology.SUBNET, c.tunnel().topology());
        assertEquals(0x0A080000, c.tunnel().network());
        assertEquals(0xFFFFFF00, c.tunnel().netmask());
        assertTrue(c.tunnel().poolEnabled());
        assertEquals(0x0A080002, c.tunnel().poolStart());
        assertEquals(0x0A0800FE, c.tunnel().poolEnd());
        assertEquals("tun", c.device().name());
        assertEquals(1500, c.tunMtu());
        assertEquals(10, c.keepalive().pingSeconds());
        assertEquals(240, c.keepalive().pingRestartSeconds());
        assertEquals(10, c.keepalive().pushedPingSeconds());
        assertEquals(120, c.keepalive().pushedPingRestartSeconds());
        assertEquals(List.of("route 192.168.10.0 255.255.255.0", "route 192.168.20.0 255.255.255.0",
                "redirect-gateway def1 bypass-dhcp", "dhcp-option DNS 208.67.222.222", "dhcp-option DNS 208.67.220.220"), c.push().options());
        assertEquals(List.of(Prefix.parse("192.168.40.128/29"), Prefix.parse("10.9.0.0/30")), c.device().routes());
        assertTrue(c.clients().clientToClient());
        assertTrue(c.clients().duplicateCn());
        assertEquals(Optional.of(dir.resolve("ccd")), c.clients().clientConfigDir());
        assertFalse(c.clients().ccdExclusive());
        assertEquals(Optional.of(dir.resolve("ipp.txt")), c.poolPersist().file());
        assertEquals(600, c.poolPersist().seconds());
        assertEquals(Optional.of(dir.resolve("openvpn-status.log")), c.status().file());
        assertEquals(60, c.status().seconds());
        assertEquals(1, c.status().version());
        assertEquals(100, c.clients().maxClients());
        assertEquals(0, c.clients().connectFreqCount());
        assertEquals(Optional.of("openvpn"), c.process().user());
        assertEquals(Optional.of("openvpn"), c.process().group());
        assertEquals(1, c.process().explicitExitNotify());
        assertEquals(3, c.process().verb());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.process().workers());
        assertEquals(ClientConfig.Wrapping.TLS_AUTH, c.security().wrapping());
        assertEquals(List.of(DataCipher.AES_256_GCM, DataCipher.AES_128_GCM, DataCipher.CHACHA20_POLY1305), c.security().dataCiphers());
        assertEquals(60, c.handWindowSeconds());
        assertEquals(3600, c.security().renegSeconds());
    }

    /** max-clients, not the transport's default table (4,096 addresses, 1,024 connections), limits how many connect. */
    @Test
    void theListenersHoldTwiceMaxClientsPeers(@TempDir Path dir) throws Exception {
        assertEquals(200, load(dir, SAMPLE_SERVER).listenerOptions().peers());
        assertEquals(20_000, load(dir, SAMPLE_SERVER.replace("max-clients 100", "max-clients 10000")).listenerOptions().peers());
    }

    @Test
    void theGlobalPushListFollows26sOrder(@TempDir Path dir) throws Exception {
        ServerConfig c = load(dir, SAMPLE_SERVER);
        List<String> push = c.globalPush();
        assertEquals(List.of("route 192.168.10.0 255.255.255.0", "route 192.168.20.0 255.255.255.0",
                "redirect-gateway def1 bypass-dhcp", "dhcp-option DNS 208.67.222.222", "dhcp-option DNS 208.67.220.220",
                "route-gateway 10.8.0.1", "topology subnet", "ping 10", "ping-restart 120"), push);
    }

    @Test
    void anIfconfigPushAddressMustLieInTheServerNetwork(@TempDir Path dir) throws Exception {
        ServerConfig c = load(dir, SAMPLE_SERVER);
        assertTrue(c.tunnel().withinServerNetwork(0x0A08000A));
        assertFalse(c.tunnel().withinServerNetwork(0x0A09000A));
    }

    @Test
    void net30IsTheDefaultTopologyAsIn26() throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\n", "s.conf");
        assertEquals(List.of(), config.validate(HANDLERS));
        ServerConfig c = ServerConfig.from(config);
        assertEquals(Topology.NET30, c.tunnel().topology());
        assertEquals(List.of("route 10.8.0.1", "topology net30"), c.globalPush());
        assertEquals(0x0A080004, c.tunnel().poolStart());
        assertEquals(0x0A0800FB, c.tunnel().poolEnd());
        assertEquals(0x0A080002, c.tunnel().serverIfconfigSecond());
        assertEquals(0, c.keepalive().pingSeconds());
        ServerConfig c2c = ServerConfig.from(Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\nclient-to-client\n", "s.conf"));
        assertEquals(List.of("route 10.8.0.0 255.255.255.0", "topology net30"), c2c.globalPush());
    }

    @Test
    void theSessionSettingsAreAServersThatDemandsClientCertificates(@TempDir Path dir) throws Exception {
        ServerConfig c = load(dir, SAMPLE_SERVER + "remote-cert-tls client\n");
        SessionSettings s = c.toSessionSettings(new BcTlsProvider(), new JceAeadProvider(), new SecureRandom(),
                OccOptionsString.Transport.UDP, (info, cipher, ekm, ccExit) -> List.of("PUSH_REPLY"));
        assertEquals(Role.SERVER, s.role());
        assertFalse(s.common().tls().client());
        assertTrue(s.common().tls().requirePeerCertificate());
        assertEquals(RequiredPeerUsage.TLS_CLIENT, s.common().tls().requiredPeerUsage());
        assertTrue(s.common().wrapping().tlsAuth());
        assertEquals(10, s.common().timers().pingSeconds());
        assertEquals(240, s.common().timers().pingRestartSeconds());
        assertEquals(0, s.explicitExitNotify());
        assertTrue(s.common().wrapping().factory().create(0) != null);
    }

    @Test
    void everyClientsSessionHasTheConfigurationsOneTlsSettingsInstance(@TempDir Path dir) throws Exception {
        // The TLS modules keep a context while the instance they were first given lives: one per client would lose it.
        ServerConfig c = load(dir, SAMPLE_SERVER);
        SessionSettings first = c.toSessionSettings(new BcTlsProvider(), new JceAeadProvider(), new SecureRandom(),
                OccOptionsString.Transport.UDP, (info, cipher, ekm, ccExit) -> List.of("PUSH_REPLY"));
        SessionSettings second = c.toSessionSettings(new BcTlsProvider(), new JceAeadProvider(), new SecureRandom(),
                OccOptionsString.Transport.UDP, (info, cipher, ekm, ccExit) -> List.of("PUSH_REPLY"));
        assertSame(c.tlsSettings(), first.common().tls());
        assertSame(first.common().tls(), second.common().tls());
    }

    @Test
    void tlsAuthWithoutADirectionIsBidirectionalAsIn26(@TempDir Path dir) throws Exception {
        ServerConfig c = load(dir, SAMPLE_SERVER.replace("tls-auth ta.key 0", "tls-auth ta.key"));
        SessionSettings s = c.toSessionSettings(new BcTlsProvider(), new JceAeadProvider(), new SecureRandom(),
                OccOptionsString.Transport.UDP, (info, cipher, ekm, ccExit) -> List.of("PUSH_REPLY"));
        assertTrue(s.common().wrapping().tlsAuth());
        assertEquals(KeyDirection.BIDIRECTIONAL, SecurityConfig.from(Config.load(dir.resolve("server.conf")), Role.SERVER).tlsAuthDirection());
    }

    @Test
    void localTakesAHostNameResolvedToTheProtocolsFamilyAsIn26() throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\nproto udp4\nlocal localhost\n", "s.conf");
        assertEquals(List.of(), config.validate(HANDLERS));
        assertEquals(new Listener(Listener.Proto.UDP, new InetSocketAddress("127.0.0.1", 1194)), ServerConfig.from(config).listeners().get(0));
        ConfigException e = refusal("dev tun\nserver 10.8.0.0 255.255.255.0\nlocal no-such-host.invalid\n");
        assertTrue(e.getMessage().contains("the host name 'no-such-host.invalid' does not resolve"), e.getMessage());
    }

    @Test
    void listenersComeFromLocalPortProtoThenCulvertListen() throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + """
                dev tun
                server 10.8.0.0 255.255.255.0
                topology subnet
                proto tcp-server
                local 192.0.2.1
                port 443
                culvert-listen udp4 1194
                culvert-listen udp6 2001:db8::1 1194
                culvert-listen tcp6-server 8443
                """, "s.conf");
        assertEquals(List.of(), config.validate(HANDLERS));
        ServerConfig c = ServerConfig.from(config);
        assertEquals(List.of(new Listener(Listener.Proto.TCP, new InetSocketAddress("192.0.2.1", 443)),
                new Listener(Listener.Proto.UDP, new InetSocketAddress("0.0.0.0", 1194)),
                new Listener(Listener.Proto.UDP, new InetSocketAddress("2001:db8::1", 1194)),
                new Listener(Listener.Proto.TCP, new InetSocketAddress("::", 8443))), c.listeners());
        assertEquals(OccOptionsString.Transport.TCP, c.listeners().get(0).proto().transport());
        assertEquals(c.listeners().get(1), c.firstUdpListener(), "the first UDP listener, though a TCP one comes first");
    }

    @Test
    void plainTcpOnAServerIsTcpServerAndTcp4BindsTheIpv4Wildcard() throws Exception {
        ServerConfig c = ServerConfig.from(Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\nproto tcp4\n", "s.conf"));
        assertEquals(List.of(new Listener(Listener.Proto.TCP, new InetSocketAddress("0.0.0.0", 1194))), c.listeners());
        assertEquals(c.listeners().get(0), c.firstUdpListener(), "a TCP-only server's first listener stands in");
    }

    /**
     * 2.6 clamps each client's MSS for the outer header of the family of the client's address as
     * its socket gives it (mss.c get_ip_encap_overhead, socket.h datagram_overhead: 20 + 8 for
     * IPv4, 40 + 8 for IPv6). A plain 'proto udp' without 'local' is a 0.0.0.0 socket in 2.6 (the
     * first address of glibc's passive lookup), so its clients count as IPv4: a stock 2.6 server
     * logs mss_fix:1400 for an IPv4 client. Culvert binds :: there to take IPv6 clients too, and
     * used to count it as IPv6 (1380). On a :: socket ('proto udp6', 'local ::') an IPv4 client is
     * a v4-mapped IPv6 address, and 2.6 counts it as IPv6: a stock server logs 1380 for it.
     */
    @Test
    void theMssClampCountsTheOuterFamilyThat26CountsForEachListenersClients() throws Exception {
        String server = ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\ntopology subnet\n";
        assertEquals(1400, ServerConfig.from(Config.of(server + "proto udp\n", "s.conf")).mssClamp(false),
                "2.6's IPv4 socket: 1492 - 28 - 24 - 40");
        assertEquals(1399, ServerConfig.from(Config.of(server + "proto udp\n", "s.conf")).mssClamp(true), "a v1 framing byte");
        assertEquals(1400, ServerConfig.from(Config.of(server + "proto udp4\n", "s.conf")).mssClamp(false));
        assertEquals(1400, ServerConfig.from(Config.of(server + "proto udp\nlocal 192.0.2.1\n", "s.conf")).mssClamp(false));
        assertEquals(1380, ServerConfig.from(Config.of(server + "proto udp6\n", "s.conf")).mssClamp(false),
                "a dual-stack socket: its IPv4 clients count as IPv6, 1492 - 48 - 24 - 40");
        assertEquals(1380, ServerConfig.from(Config.of(server + "proto udp\nlocal ::\n", "s.conf")).mssClamp(false));
        assertEquals(1492 - 40 - 26 - 40, ServerConfig.from(Config.of(server + "proto tcp-server\n", "s.conf")).mssClamp(false),
                "TCP: 20 + 20 outside, 2 for the length prefix");
        assertEquals(1380, ServerConfig.from(Config.of(server + "proto udp\nculvert-listen udp6 2001:db8::1 1195\n", "s.conf"))
                .mssClamp(false), "one clamp for the node: the smallest of its listeners'");
    }

    @Test
    void clashingListenersAreRefused() throws Exception {
        int base = pkiLines();
        String head = "dev tun\nserver 10.8.0.0 255.255.255.0\n";
        ConfigException same = refusal(head + "culvert-listen udp 1194\n");
        assertEquals("s.conf:" + (base + 3), same.where());
        assertTrue(same.problem().contains("clashes"), same.getMessage());
        ConfigException wildcard = refusal(head + "proto udp4\nculvert-listen udp6 1194\n");
        assertTrue(wildcard.problem().contains("clashes"), wildcard.getMessage());
        ConfigException dup = refusal(head + "culvert-listen tcp-server 443\nculvert-listen tcp4-server 192.0.2.1 443\n");
        assertEquals("s.conf:" + (base + 4), dup.where());
        ServerConfig fine = ServerConfig.from(Config.of(ServerFiles.inlinePki() + head
                + "culvert-listen tcp-server 1194\nculvert-listen udp6 2001:db8::1 1195\n", "s.conf"));
        assertEquals(3, fine.listeners().size());
    }

    @Test
    void serverNetworksAreCheckedAs26ChecksThem() throws Exception {
        int line = pkiLines() + 2;
        ConfigException hostBits = refusal("dev tun\nserver 10.8.0.1 255.255.255.0\n");
        assertEquals("s.conf:" + line, hostBits.where());
        assertTrue(hostBits.fix().contains("server 10.8.0.0 255.255.255.0"), hostBits.getMessage());
        assertTrue(refusal("dev tun\nserver 10.8.0.0 255.255.255.252\n").problem().contains("255.255.255.248 or lower"));
        assertTrue(refusal("dev tun\nserver 10.0.0.0 255.254.0.0\n").problem().contains("too many host addresses"));
        assertTrue(refusal("dev tun\nserver 10.8.0.0 255.0.255.0\n").problem().contains("not contiguous"));
        assertTrue(refusal("dev tun\nserver 10.8.0.0 255.255.255.0 pool\n").fix().contains("nopool"));
        ServerConfig slash29 = ServerConfig.from(Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.248 nopool\n", "s.conf"));
        assertFalse(slash29.tunnel().poolEnabled());
        assertEquals(0x0A080007, slash29.tunnel().poolEnd());
    }

    @Test
    void whatCulvertDoesNotImplementIsNamedWithTheLine() throws Exception {
        String head = "dev tun\nserver 10.8.0.0 255.255.255.0\n";
        int line = pkiLines() + 3;
        // server-ipv6 and route-ipv6 left this list when issue 13 implemented them (ServerIpv6ConfigTest).
        // script-security 2 left it when auth-user-pass-verify came (UserAuthConfigTest).
        for (String refused : List.of("mode p2p", "topology p2p",
                "iroute 10.9.0.0 255.255.255.0", "remote vpn.example", "nobind", "proto tcp-client",
                "ifconfig-pool-persist ipp.txt")) {
            String text = refused.equals("ifconfig-pool-persist ipp.txt")
                    ? "dev tun\nserver 10.8.0.0 255.255.255.0 nopool\n" + refused + "\n" : head + refused + "\n";
            ConfigException e = refusal(text);
            assertEquals("s.conf:" + line, e.where(), refused + ": " + e.getMessage());
            assertFalse(e.fix().isEmpty(), refused);
        }
    }

    @Test
    void unclaimedServerDirectivesGetTheKernelsNotImplementedError() throws Exception {
        String head = "dev tun\nserver 10.8.0.0 255.255.255.0\n";
        for (String line : List.of("ifconfig-pool 10.8.0.4 10.8.0.251", "server-bridge",
                "dev-node MyTap")) {
            Config config = Config.of(ServerFiles.inlinePki() + head + line + "\n", "s.conf");
            List<ConfigException> problems = config.validate(HANDLERS);
            assertEquals(1, problems.size(), line + ": " + problems);
            String name = line.split(" ")[0];
            assertEquals("s.conf:" + (pkiLines() + 3), problems.get(0).where(), line);
            assertTrue(problems.get(0).problem().contains("'" + name + "'"), problems.get(0).getMessage());
            assertTrue(problems.get(0).problem().contains("not implement"), problems.get(0).getMessage());
        }
    }

    /** log, log-append and syslog were refused with the others above; the kernel implements them now (issue 15). */
    @Test
    void theLogDirectivesOfAServerAreTheKernelsAndPass() throws Exception {
        for (String line : List.of("log openvpn.log", "log-append openvpn.log", "syslog", "syslog openvpn-server")) {
            Config config = Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\n" + line + "\n", "s.conf");
            assertEquals(List.of(), config.validate(HANDLERS), line);
        }
    }

    @Test
    void keepaliveAndPingExcludeEachOtherOnAServer() throws Exception {
        ConfigException e = refusal("dev tun\nserver 10.8.0.0 255.255.255.0\nkeepalive 10 60\nping 5\n");
        assertEquals("s.conf:" + (pkiLines() + 4), e.where());
        ServerConfig plain = ServerConfig.from(Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\nping 5\nping-restart 30\n", "s.conf"));
        assertEquals(5, plain.keepalive().pingSeconds());
        assertEquals(30, plain.keepalive().pingRestartSeconds());
        assertEquals(0, plain.keepalive().pushedPingSeconds());
        assertFalse(plain.globalPush().stream().anyMatch(o -> o.startsWith("ping")));
    }

    @Test
    void combinationsAreCheckedAs26ChecksThem() throws Exception {
        assertTrue(refusal("dev tun\nserver 10.8.0.0 255.255.255.0\nccd-exclusive\n").problem().contains("--client-config-dir"));
        assertTrue(refusal("dev tun\nserver 10.8.0.0 255.255.255.0\nproto tcp-server\nconnect-freq 10 60\n").problem().contains("udp"));
        assertTrue(refusal("dev tun\nserver 10.8.0.0 255.255.255.0\nclient-config-dir /nonexistent/ccd\n").problem().contains("not a directory"));
        assertTrue(refusal("dev tun\nserver 10.8.0.0 255.255.255.0\nremote-cert-tls server\n").fix().contains("remote-cert-tls client"));
        assertTrue(refusal("dev tun\nmode server\ntls-server\n").problem().contains("'server NETWORK NETMASK'"));
        assertTrue(refusal("dev tun\ntls-server\n").problem().contains("point-to-point"));
        assertTrue(refusal("server 10.8.0.0 255.255.255.0\n").problem().contains("'dev'"));
        assertTrue(refusal("dev tun\nserver 10.8.0.0 255.255.255.0\npush \"route 10.0.0.0 255.0.0.0,route 10.1.0.0 255.255.0.0\"\n")
                .problem().contains("without commas"));
        assertTrue(refusal("dev tun\nserver 10.8.0.0 255.255.255.0\ndata-ciphers AES-256-GCM:BF-CBC\n").problem().contains("BF-CBC"));
        assertTrue(refusal("dev tun\nserver 10.8.0.0 255.255.255.0\ndata-ciphers-fallback BF-CBC\n").problem().contains("legacy cipher"));
        ConfigException noCert = assertThrows(ConfigException.class, () -> ServerConfig.from(Config.of(
                "<ca>\n" + ServerFiles.demo("ca.crt") + "</ca>\ndev tun\nserver 10.8.0.0 255.255.255.0\n", "s.conf")));
        assertTrue(noCert.problem().contains("cert"), noCert.getMessage());
    }

    @Test
    void theRestOfTheServerDirectivesAreRead() throws Exception {
        ServerConfig c = ServerConfig.from(Config.of(ServerFiles.inlinePki() + """
                dev tun7
                mode server
                tls-server
                server 10.8.0.0 255.255.0.0
                topology subnet
                tun-mtu 1400
                status /var/run/culvert.status 10
                status-version 3
                ifconfig-pool-persist /var/lib/ipp.txt 0
                connect-freq 10 60
                culvert-workers 3
                explicit-exit-notify 2
                script-security 1
                dh none
                reneg-sec 600
                """, "s.conf"));
        assertEquals("tun7", c.device().name());
        assertEquals(1400, c.tunMtu());
        assertEquals(Optional.of(Path.of("/var/run/culvert.status")), c.status().file());
        assertEquals(10, c.status().seconds());
        assertEquals(3, c.status().version());
        assertEquals(0, c.poolPersist().seconds());
        assertEquals(10, c.clients().connectFreqCount());
        assertEquals(60, c.clients().connectFreqSeconds());
        assertEquals(3, c.process().workers());
        assertEquals(2, c.process().explicitExitNotify());
        assertEquals(600, c.security().renegSeconds());
        assertEquals(0x0A0800FE + 0xFF00, c.tunnel().poolEnd());
    }

    @Test
    void connectFreqInitialDefaultsTo26sHundredPerTenSecondsAndTakesZeros() throws Exception {
        String base = ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\n";
        ServerConfig plain = ServerConfig.from(Config.of(base, "s.conf"));
        assertEquals(100, plain.clients().connectFreqInitialCount());
        assertEquals(10, plain.clients().connectFreqInitialSeconds());
        ServerConfig set = ServerConfig.from(Config.of(base + "connect-freq-initial 0 0\n", "s.conf"));
        assertEquals(0, set.clients().connectFreqInitialCount(), "2.6 takes 0: no stateless answers");
        assertEquals(0, set.clients().connectFreqInitialSeconds());
        ServerConfig tcp = ServerConfig.from(Config.of(base + "proto tcp-server\nconnect-freq-initial 5 60\n", "s.conf"));
        assertEquals(5, tcp.clients().connectFreqInitialCount(), "accepted on TCP too, where 2.6 has no stateless answers to limit");
        ConfigException negative = refusal("dev tun\nserver 10.8.0.0 255.255.255.0\nconnect-freq-initial -1 10\n");
        assertEquals("s.conf:" + (pkiLines() + 3), negative.where());
        assertTrue(refusal("dev tun\nserver 10.8.0.0 255.255.255.0\nconnect-freq-initial 10\n").problem().contains("connect-freq-initial"));
    }

    @Test
    void dhMustBeAPemDhParametersFileOrNone(@TempDir Path dir) throws Exception {
        load(dir, SAMPLE_SERVER);
        Files.writeString(dir.resolve("dh2048.pem"), ServerFiles.demo("ca.crt"));
        ConfigException wrong = assertThrows(ConfigException.class, () -> ServerConfig.from(Config.load(dir.resolve("server.conf"))));
        assertEquals(dir.resolve("server.conf") + ":7", wrong.where());
        assertTrue(wrong.fix().contains("dh none"), wrong.getMessage());
        Files.delete(dir.resolve("dh2048.pem"));
        ConfigException missing = assertThrows(ConfigException.class, () -> ServerConfig.from(Config.load(dir.resolve("server.conf"))));
        assertTrue(missing.problem().contains("does not exist"), missing.getMessage());
        Files.writeString(dir.resolve("server.conf"), SAMPLE_SERVER.replace("dh dh2048.pem", "dh none"));
        ServerConfig.from(Config.load(dir.resolve("server.conf")));
    }

    @Test
    void bothHandlersAreFoundByTheServiceLoaderOutsideOsgi() {
        Set<Class<?>> found = new HashSet<>();
        java.util.ServiceLoader.load(DirectiveHandler.class).stream().forEach(p -> found.add(p.type()));
        assertTrue(found.containsAll(Set.of(VpnDirectives.class, ServerDirectives.class)), found::toString);
    }

    @Test
    void everyDirectiveIsClaimedByExactlyOneHandler() {
        Set<String> seen = new HashSet<>();
        for (DirectiveHandler h : HANDLERS) {
            for (String name : h.directives()) {
                assertTrue(seen.add(name), name + " is claimed twice");
            }
        }
        assertTrue(seen.containsAll(Set.of("mode", "server", "tls-server", "push", "client-config-dir", "ccd-exclusive", "duplicate-cn",
                "ifconfig-pool-persist", "max-clients", "connect-freq", "status", "status-version", "user", "group", "tun-mtu",
                "script-security", "culvert-listen", "local", "dh", "keepalive", "explicit-exit-notify", "proto", "port")));
    }
}
