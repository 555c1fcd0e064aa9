package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.vpn.keys.Role;
import dev.culvert.vpn.session.SessionSettings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fates of a point-to-point configuration's lines, alone and together (2.6's tls-home/tls-office samples). */
class PeerToPeerConfigTest {
    private static final List<DirectiveHandler> HANDLERS = ServerConfigTest.HANDLERS;

    private static Config config(String text) throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + text, "p2p.conf");
        List<ConfigException> problems = config.validate(HANDLERS);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return config;
    }

    private static ConfigException refusal(String text) {
        return assertThrows(ConfigException.class, () -> PeerToPeerConfig.from(config(text)));
    }

    @Test
    void theTlsOfficeSample() throws Exception {
        PeerToPeerConfig c = PeerToPeerConfig.from(config("""
                dev tun
                tls-server
                remote 192.0.2.2
                ifconfig 10.8.0.1 10.8.0.2
                route 192.168.4.0 255.255.255.0
                keepalive 10 60
                reneg-sec 600
                """));
        assertEquals(Role.SERVER, c.tlsRole());
        assertEquals("192.0.2.2", c.remoteHost());
        assertEquals(1194, c.remotePort());
        assertEquals(1194, c.localPort());
        assertEquals(new PeerToPeerConfig.Ifconfig("10.8.0.1", "10.8.0.2"), c.ifconfig());
        assertEquals(10, c.pingSeconds(), "outside server mode keepalive is ping and ping-restart as written");
        assertEquals(60, c.pingRestartSeconds());
        assertEquals(600, c.renegSeconds());
        assertEquals(List.of(List.of("addr", "add", "10.8.0.1", "peer", "10.8.0.2", "dev", "tun7"),
                List.of("route", "replace", "192.168.4.0/24", "via", "10.8.0.2", "dev", "tun7")), c.tunCommands("tun7"));
        assertEquals("openvpn p2p tls-server", c.roleName());
    }

    @Test
    void theTlsHomeSampleWithPortsAndNobind() throws Exception {
        PeerToPeerConfig c = PeerToPeerConfig.from(config("""
                dev tun
                tls-client
                remote office.example 1195
                nobind
                ifconfig 10.8.0.2 10.8.0.1
                route 10.0.0.0 255.0.0.0 10.8.0.9
                ping 5
                ping-restart 30
                """));
        assertEquals(Role.CLIENT, c.tlsRole());
        assertEquals(1195, c.remotePort());
        assertEquals(0, c.localPort(), "nobind");
        assertEquals(new PeerToPeerConfig.Route(dev.culvert.spi.route.Prefix.parse("10.0.0.0/8"), "10.8.0.9"), c.routes().getFirst());
        assertEquals(5, c.pingSeconds());
        assertEquals(30, c.pingRestartSeconds());
    }

    @Test
    void renegBytesReachesTheSessionTimersInEveryRole() throws Exception {
        SessionSettings p2p = PeerToPeerConfig.from(config("dev tun\ntls-client\nremote 192.0.2.1\nreneg-bytes 1000000\n"))
                .toSessionSettings(new dev.culvert.ssl.bc.BcTlsProvider(), new dev.culvert.core.aead.JceAeadProvider(),
                        new java.security.SecureRandom(), "t");
        assertEquals(1_000_000, p2p.common().timers().renegBytes());
        SessionSettings client = ClientConfig.from(config("client\ndev tun\nremote 192.0.2.1\nreneg-bytes 5000\n"))
                .toSessionSettings(new dev.culvert.ssl.bc.BcTlsProvider(), new dev.culvert.core.aead.JceAeadProvider(),
                        new java.security.SecureRandom(), "t");
        assertEquals(5000, client.common().timers().renegBytes());
        ConfigException bad = assertThrows(ConfigException.class, () -> config("dev tun\ntls-server\nreneg-bytes lots\n"));
        assertTrue(bad.problem().contains("lots"), bad.getMessage());
    }

    @Test
    void portsFollowLportRportAndPort() throws Exception {
        PeerToPeerConfig c = PeerToPeerConfig.from(config("dev tun\ntls-server\nport 2000\nlport 3000\n"));
        assertEquals(3000, c.localPort());
        assertEquals(2000, c.remotePort());
        assertNull(c.remoteHost(), "a TLS server without remote takes its first authentic peer");
    }

    @Test
    void theSessionIsAPeerToPeerOneInTheConfiguredTlsRole() throws Exception {
        SessionSettings s = PeerToPeerConfig.from(config("dev tun\ntls-server\nremote 192.0.2.2\n")).toSessionSettings(
                new dev.culvert.ssl.bc.BcTlsProvider(), new dev.culvert.core.aead.JceAeadProvider(), new java.security.SecureRandom(), "t");
        assertEquals(Role.SERVER, s.role());
        assertEquals(0, s.common().timers().renegBytes());
        assertTrue(s.peerToPeer() != null && s.client() == null && s.server() == null);
        assertFalse(s.common().tls().client());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "dev tun\\ntls-client\\nifconfig 10.8.0.2 10.8.0.1                     | without 'remote'          | add 'remote",
        "dev tun\\ntls-server\\ntls-client\\nremote 192.0.2.2                 | both 'tls-server'         | keep 'tls-server'",
        "dev tun\\ntls-server\\nremote 192.0.2.2\\nproto tcp-server          | UDP only                  | proto udp",
        "dev tun\\ntls-server\\nremote 192.0.2.2\\nnobind                    | 'nobind' on the 'tls-server' | remove 'nobind'",
        "dev tun\\ntls-server\\nnobind                                       | nobody could reach        | add 'remote",
        "dev tun\\ntls-server\\nremote 192.0.2.2\\nifconfig 10.8.0.1 10.8.0.1 | the same                  | ifconfig LOCAL REMOTE",
        "dev tun\\ntls-server\\nremote 192.0.2.2\\nroute 10.1.0.0 255.255.0.0 | no 'ifconfig              | add 'ifconfig",
        "dev tun\\ntls-server\\nremote 192.0.2.2\\npush \"route 10.0.0.0\"     | multi-client server       | remove the line",
        "dev tun\\ntls-client\\nremote 192.0.2.2\\nremote 192.0.2.3          | keeps one peer            | keep one 'remote",
        "dev tun\\ntls-client\\nremote 192.0.2.2\\nremote-random             | keeps one peer            | keep one 'remote",
        "dev tun\\ntls-client\\nremote 192.0.2.2\\nconnect-retry 5           | pulling client            | remove the line",
    })
    void refusalsNameTheProblemAndTheFix(String text, String problem, String fix) {
        ConfigException e = refusal(text.replace("\\n", "\n") + "\n");
        assertTrue(e.problem().contains(problem), e.getMessage());
        assertTrue(e.fix().contains(fix), e.getMessage());
        assertTrue(e.where().startsWith("p2p.conf"), e.getMessage());
    }

    @Test
    void clientsAndServersRefuseThePointToPointLines() throws Exception {
        ConfigException onServer = assertThrows(ConfigException.class, () -> ServerConfig.from(config(
                "dev tun\nserver 10.8.0.0 255.255.255.0\nifconfig 10.8.0.1 10.8.0.2\n")));
        assertTrue(onServer.problem().contains("point-to-point"), onServer.getMessage());
        ConfigException onClient = assertThrows(ConfigException.class, () -> ClientConfig.from(config(
                "client\ndev tun\nremote 192.0.2.1\nifconfig 10.8.0.1 10.8.0.2\n")));
        assertTrue(onClient.problem().contains("point-to-point"), onClient.getMessage());
    }

    @Test
    void theRoleIsPointToPointOnlyWithoutServerClientOrPull() throws Exception {
        assertTrue(PeerToPeerConfig.isPointToPoint(Config.of("tls-server\n", "a")));
        assertTrue(PeerToPeerConfig.isPointToPoint(Config.of("tls-client\nremote x\n", "a")));
        assertFalse(PeerToPeerConfig.isPointToPoint(Config.of("tls-client\npull\n", "a")));
        assertFalse(PeerToPeerConfig.isPointToPoint(Config.of("client\n", "a")));
        assertFalse(PeerToPeerConfig.isPointToPoint(Config.of("tls-server\nserver 10.8.0.0 255.255.255.0\n", "a")));
        assertFalse(PeerToPeerConfig.isPointToPoint(Config.of("tls-server\nmode server\n", "a")));
    }

    @Test
    void authUserPassNeedsPullAsIn26() {
        ConfigException e = refusal("dev tun\ntls-client\nremote 192.0.2.1\nauth-user-pass up.txt\n");
        assertTrue(e.getMessage().contains("needs 'pull'") && e.getMessage().contains("p2p.conf:"), e.getMessage());
    }
}
