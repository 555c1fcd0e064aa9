package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.tls.RequiredPeerUsage;
import dev.culvert.vpn.control.KeyDirection;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.keys.OccOptionsString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigTest {
    private static final VpnDirectives HANDLER = new VpnDirectives();

    @Test
    void aTypicalClientConfigurationLoadsWithFilesRelativeToItsDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ca.crt"), TestMaterial.caPem());
        Files.writeString(dir.resolve("ta.key"), TestMaterial.staticKeyText(new Random(1)));
        Path file = dir.resolve("client.conf");
        Files.writeString(file, """
                client
                dev tun
                proto tcp-client
                remote vpn.example 443
                nobind
                ca ca.crt
                tls-auth ta.key 1
                remote-cert-tls server
                data-ciphers AES-128-GCM:CHACHA20-POLY1305
                keepalive 10 60
                explicit-exit-notify 2
                persist-key
                """);
        Config config = Config.load(file);
        assertEquals(List.of(), config.validate(List.of(HANDLER)));
        ClientConfig c = ClientConfig.from(config);
        assertEquals("vpn.example", c.remoteHost());
        assertEquals(443, c.remotePort());
        assertEquals(OccOptionsString.Transport.TCP, c.transport());
        assertEquals(ClientConfig.Wrapping.TLS_AUTH, c.wrapping());
        assertEquals(KeyDirection.INVERSE, c.tlsAuthDirection());
        assertEquals(RequiredPeerUsage.TLS_SERVER, c.remoteCertTls());
        assertEquals(List.of(DataCipher.AES_128_GCM, DataCipher.CHACHA20_POLY1305), c.dataCiphers());
        assertEquals(10, c.pingSeconds());
        assertEquals(60, c.pingRestartSeconds());
        assertEquals(2, c.explicitExitNotify());
        assertEquals(1, c.ca().size());
    }

    @Test
    void ncpCiphersIsDataCiphersOlderNameAndTheLastOfEitherWins(@TempDir Path dir) throws Exception {
        Config old = Config.load(clientFile(dir, "ncp-ciphers AES-128-GCM\n"));
        assertEquals(List.of(), old.validate(List.of(HANDLER)));
        assertEquals(List.of(DataCipher.AES_128_GCM), ClientConfig.from(old).dataCiphers());
        Config both = Config.load(clientFile(dir, "ncp-ciphers AES-128-GCM\ndata-ciphers CHACHA20-POLY1305\n"));
        assertEquals(List.of(DataCipher.CHACHA20_POLY1305), ClientConfig.from(both).dataCiphers());
        Config bad = Config.load(clientFile(dir, "ncp-ciphers AES-256-GCM:BF-CBC\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> ClientConfig.from(bad));
        assertTrue(e.getMessage().contains("client.conf:5"), "the line is named: " + e.getMessage());
    }

    @Test
    void theFilesOwnRouteIpv6LinesAreKeptForTheDeviceHostBitsCleared(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ca.crt"), TestMaterial.caPem());
        Path file = dir.resolve("client.conf");
        Files.writeString(file, "client\ndev tun\nremote vpn.example\nca ca.crt\nroute-ipv6 fd00:20::1/64\nroute-ipv6 2001:db8::/32\n");
        ClientConfig c = ClientConfig.from(Config.load(file));
        assertEquals(List.of(dev.culvert.spi.route.Prefix.parse("fd00:20::/64"), dev.culvert.spi.route.Prefix.parse("2001:db8::/32")),
                c.routes6());
    }

    @Test
    void tapIsRefusedWithTheWayOut() throws Exception {
        Config config = Config.of("dev tap0\n", "client.conf");
        List<ConfigException> problems = config.validate(List.of(HANDLER));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).getMessage().startsWith("client.conf:1:"), problems.get(0).getMessage());
        assertTrue(problems.get(0).getMessage().contains("dev tun"), problems.get(0).getMessage());
    }

    @Test
    void badArgumentsNameTheLine() throws Exception {
        Config config = Config.of("client\nproto tcp-server\nport 70000\nkeepalive 10 5\ndata-ciphers BF-CBC\n", "c.conf");
        List<ConfigException> problems = config.validate(List.of(HANDLER));
        // tcp-server is a valid proto now that module-vpn has a server; ClientConfig refuses it (below).
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.get(0).getMessage().startsWith("c.conf:3:"));
        assertTrue(problems.get(2).getMessage().contains("legacy cipher"), problems.get(2).getMessage());
    }

    /** options.c options_postprocess_cipher, on a client. */
    @Test
    void cipherAndDataCiphersFallbackSetOneCipherWhichOnlyTheFallbackLineMakesAFallback(@TempDir Path dir) throws Exception {
        ClientConfig cbc = ClientConfig.from(Config.load(clientFile(dir, "data-ciphers AES-256-GCM:AES-256-CBC\nauth SHA256\n")));
        assertEquals(List.of(DataCipher.AES_256_GCM, DataCipher.AES_256_CBC), cbc.dataCiphers());
        DataCipherConfig data = cbc.dataChannel();
        assertEquals(dev.culvert.vpn.keys.HmacDigest.SHA256, data.auth());
        assertNull(data.fallback());
        DataCipherConfig fallback = ClientConfig.from(Config.load(clientFile(dir, "cipher AES-128-CBC\ndata-ciphers-fallback AES-256-CBC\n")))
                .dataChannel();
        assertEquals(DataCipher.AES_256_CBC, fallback.fallback(), "the last of cipher and data-ciphers-fallback wins");
        assertNull(fallback.occCipher(), "not in data-ciphers, so not named in the OCC string");
        DataCipherConfig cipherOnly = ClientConfig.from(Config.load(clientFile(dir, "cipher AES-256-CBC\n"))).dataChannel();
        assertNull(cipherOnly.fallback(), "on a client, 'cipher' alone is no fallback; 2.6 warns and ignores it");
        DataCipherConfig oldProvider = ClientConfig.from(Config.load(clientFile(dir, "cipher BF-CBC\n"))).dataChannel();
        assertNull(oldProvider.fallback(), "a provider file's 'cipher BF-CBC' is ignored, not refused, as in 2.6");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ClientConfig.from(Config.load(clientFile(dir, "data-ciphers-fallback BF-CBC\n"))));
        assertTrue(e.getMessage().contains("client.conf:5") && e.getMessage().contains("legacy cipher"), e.getMessage());
    }

    @Test
    void aClientRefusesTheServerSideOfTcpNamingTheLine() throws Exception {
        Config config = Config.of("client\nproto tcp-server\nremote vpn.example\n", "c.conf");
        assertEquals(List.of(), config.validate(List.of(HANDLER)));
        ConfigException e = assertThrows(ConfigException.class, () -> ClientConfig.from(config));
        assertEquals("c.conf:2", e.where());
        assertTrue(e.fix().contains("tcp-client"), e.getMessage());
        List<ConfigException> onRemote = Config.of("remote vpn.example 1194 tcp-server\n", "c.conf").validate(List.of(HANDLER));
        assertEquals(1, onRemote.size(), onRemote::toString);
    }

    @Test
    void aClientKeepsItsOwnRouteLinesWithTheirKeywordsForWhenTheTunnelIsUp(@TempDir Path dir) throws Exception {
        ClientConfig c = ClientConfig.from(Config.load(clientFile(dir,
                "route 0.0.0.0 0.0.0.0\nroute 192.0.2.7 255.255.255.255 net_gateway\nroute remote_host default vpn_gateway 5\n")));
        assertEquals(List.of("0.0.0.0 0.0.0.0 null null", "192.0.2.7 255.255.255.255 net_gateway null", "remote_host null vpn_gateway 5"),
                c.ownRoutes().stream().map(r -> r.network() + " " + r.netmask() + " " + r.gateway() + " " + r.metric()).toList());
        assertTrue(c.ownRoutes().get(0).where().contains(":"), c.ownRoutes().get(0).where());
    }

    @Test
    void aClientRefusesServerDirectivesInsteadOfIgnoringThem() throws Exception {
        Config config = Config.of("client\nremote vpn.example\npush \"route 10.0.0.0 255.0.0.0\"\n", "c.conf");
        assertEquals(List.of(), config.validate(List.of(HANDLER, new ServerDirectives())));
        ConfigException e = assertThrows(ConfigException.class, () -> ClientConfig.from(config));
        assertEquals("c.conf:3", e.where());
        assertTrue(e.problem().contains("server directive"), e.getMessage());
        ConfigException status = assertThrows(ConfigException.class,
                () -> ClientConfig.from(Config.of("client\nremote vpn.example\nstatus-version 2\n", "c.conf")));
        assertEquals("c.conf:3", status.where());
        assertTrue(status.problem().contains("not implemented"), status.getMessage());
    }

    @Test
    void tunMtuSetsTheDeviceTheMssfixBaseAndTheOccStringAsOnAServer(@TempDir Path dir) throws Exception {
        ClientConfig plain = ClientConfig.from(Config.load(clientFile(dir, "")));
        assertEquals(1500, plain.tunMtu());
        assertEquals(Mssfix.byDefault(1500), plain.mssfix());
        Config config = Config.load(clientFile(dir, "tun-mtu 1400\n"));
        assertEquals(List.of(), config.validate(List.of(HANDLER, new ServerDirectives())));
        ClientConfig c = ClientConfig.from(config);
        assertEquals(1400, c.tunMtu());
        assertEquals(1400, c.toward(c.connections().entries().get(0)).tunMtu(), "kept when aimed at a server");
        assertEquals(Mssfix.byDefault(1400), c.mssfix(), "2.6 clamps to the tun-mtu when it is not 1500");
        assertEquals(Mssfix.from(Config.of("mssfix 1300\n", "c.conf"), 1400),
                ClientConfig.from(Config.load(clientFile(dir, "tun-mtu 1400\nmssfix 1300\n"))).mssfix());
        List<ConfigException> bad = Config.load(clientFile(dir, "tun-mtu 50\n")).validate(List.of(HANDLER, new ServerDirectives()));
        assertEquals(1, bad.size(), bad.toString());
    }

    @Test
    void sndbufAndRcvbufSizeTheSocketsAnd26sLimitAndZeroLeaveTheDefault(@TempDir Path dir) throws Exception {
        assertEquals(dev.culvert.spi.transport.TransportOptions.DEFAULT, ClientConfig.from(Config.load(clientFile(dir, ""))).transportOptions());
        Config config = Config.load(clientFile(dir, "sndbuf 393216\nrcvbuf 262144\n"));
        assertEquals(List.of(), config.validate(List.of(HANDLER)));
        ClientConfig c = ClientConfig.from(config);
        assertEquals(new dev.culvert.spi.transport.TransportOptions(262_144, 393_216), c.transportOptions());
        assertEquals(c.transportOptions(), c.toward(c.connections().entries().get(0)).transportOptions());
        assertEquals(new dev.culvert.spi.transport.TransportOptions(0, 0),
                ClientConfig.from(Config.load(clientFile(dir, "sndbuf 0\nrcvbuf 1000000\n"))).transportOptions(),
                "2.6 sets no size of 1000000 or more");
        assertEquals(1, Config.load(clientFile(dir, "sndbuf -5\n")).validate(List.of(HANDLER)).size());
        assertEquals(1, Config.load(clientFile(dir, "rcvbuf\n")).validate(List.of(HANDLER)).size());
    }

    @Test
    void pingExitTimesThePeersSilenceAndInactiveIsKept(@TempDir Path dir) throws Exception {
        Config config = Config.load(clientFile(dir, "ping 5\nping-exit 20\ninactive 600 5000\n"));
        assertEquals(List.of(), config.validate(List.of(HANDLER)));
        ClientConfig c = ClientConfig.from(config);
        assertEquals(20, c.pingRestartSeconds(), "one timer with ping-restart");
        assertEquals(new ExitTimers(20, 600, 5000), c.exitTimers());
        assertEquals(c.exitTimers(), c.toward(c.connections().entries().get(0)).exitTimers());
    }

    @Test
    void routeMetricIsKeptForTheRoutesThatNameNone(@TempDir Path dir) throws Exception {
        Config config = Config.load(clientFile(dir, "route-metric 512\n"));
        assertEquals(List.of(), config.validate(List.of(HANDLER)));
        assertEquals("512", ClientConfig.from(config).pull().routeMetric());
        assertEquals(null, ClientConfig.from(Config.load(clientFile(dir, ""))).pull().routeMetric());
        assertEquals(1, Config.of("route-metric high\n", "c.conf").validate(List.of(HANDLER)).size());
    }

    @Test
    void txqueuelenSizesTheTunDevicesQueueAndAPointToPointPeerRefusesItForNow(@TempDir Path dir) throws Exception {
        assertEquals(0, ClientConfig.from(Config.load(clientFile(dir, ""))).txQueueLength());
        Config config = Config.load(clientFile(dir, "txqueuelen 1000\n"));
        assertEquals(List.of(), config.validate(List.of(HANDLER)));
        ClientConfig c = ClientConfig.from(config);
        assertEquals(1000, c.txQueueLength());
        assertEquals(1000, c.toward(c.connections().entries().get(0)).txQueueLength());
        assertEquals(1, Config.load(clientFile(dir, "txqueuelen many\n")).validate(List.of(HANDLER)).size());
        ConfigException p2p = assertThrows(ConfigException.class,
                () -> PeerToPeerConfig.from(Config.of("tls-client\nremote 192.0.2.1\ndev tun\ntxqueuelen 1000\n", "p.conf")));
        assertTrue(p2p.problem().contains("not implemented for a Culvert point-to-point peer"), p2p.getMessage());
    }

    @Test
    void verifyX509NameIsLeftUnclaimed() {
        assertTrue(!HANDLER.directives().contains("verify-x509-name"));
    }

    @Test
    void aMissingRemoteIsAnError() throws Exception {
        Config config = Config.of("client\n", "c.conf");
        assertThrows(ConfigException.class, () -> ClientConfig.from(config));
    }

    /** A client file in {@code dir} with a CA and {@code lines} after the basics (its line 5 is the first of them). */
    private static Path clientFile(Path dir, String lines) throws Exception {
        Files.writeString(dir.resolve("ca.crt"), TestMaterial.caPem());
        Path file = dir.resolve("client.conf");
        Files.writeString(file, "client\ndev tun\nremote vpn.example\nca ca.crt\n" + lines);
        return file;
    }

    @Test
    void authUserPassAndItsCompanionsAreReadAtLoad(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("up.txt"), "alice\ns3cret\n");
        Config config = Config.load(clientFile(dir, "auth-user-pass up.txt\nauth-nocache\nauth-retry nointeract\n"));
        assertEquals(List.of(), config.validate(List.of(HANDLER)));
        dev.culvert.vpn.auth.AuthSettings auth = ClientConfig.from(config).auth();
        assertTrue(auth.noCache());
        assertEquals(dev.culvert.vpn.auth.AuthRetry.NOINTERACT, auth.retry());
        assertTrue(auth.source().toString().endsWith("up.txt"), auth.source().toString());
    }

    @Test
    void aMissingAuthUserPassFileIsRefusedAtLoadNamingItsLine(@TempDir Path dir) throws Exception {
        Path file = clientFile(dir, "auth-user-pass missing.txt\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ClientConfig.from(Config.load(file)));
        assertTrue(e.getMessage().contains("client.conf:5") && e.getMessage().contains("missing.txt"), e.getMessage());
    }

    @Test
    void anAuthTokenWithoutAuthUserPassIsRefused(@TempDir Path dir) throws Exception {
        Path file = clientFile(dir, "auth-token T\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ClientConfig.from(Config.load(file)));
        assertTrue(e.getMessage().contains("add 'auth-user-pass FILE'"), e.getMessage());
    }

    @Test
    void withoutAuthUserPassNothingIsSent(@TempDir Path dir) throws Exception {
        ClientConfig c = ClientConfig.from(Config.load(clientFile(dir, "")));
        assertEquals(null, c.auth().source());
        assertEquals(dev.culvert.vpn.auth.AuthRetry.NONE, c.auth().retry());
    }

    @Test
    void aClientTakesTheManagementInterfaceWithTheHoldAndThePasswordQuery(@TempDir Path dir) throws Exception {
        ClientConfig c = ClientConfig.from(Config.load(clientFile(dir, "auth-user-pass\nmanagement mgmt.sock unix\nmanagement-hold\n"
                + "management-query-passwords\nmanagement-log-cache 50\n")));
        ManagementConfig m = c.management().orElseThrow();
        assertTrue(m.hold() && m.queryPasswords());
        assertEquals(50, m.logCache());
        assertTrue(ClientConfig.from(Config.load(clientFile(dir, ""))).management().isEmpty());
    }

    @Test
    void managementClientAuthIsTakenOnAClientAs26TakesItThereAndTheQueryStillNeedsManagement(@TempDir Path dir) throws Exception {
        assertTrue(ClientConfig.from(Config.load(clientFile(dir, "management 127.0.0.1 7505\nmanagement-client-auth\n")))
                .management().orElseThrow().clientAuth(), "accepted; the client role says it has no effect");
        ConfigException orphan = assertThrows(ConfigException.class,
                () -> ClientConfig.from(Config.load(clientFile(dir, "management-query-passwords\n"))));
        assertTrue(orphan.getMessage().contains("without 'management'"), orphan.getMessage());
    }
}
