package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.push.Topology;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each small record of a {@link ServerConfig} holds what its lines say, and only that. */
class ServerConfigParserTest {
    private static ServerConfig parse(String lines) throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + "dev tun\n" + lines, "s.conf");
        assertEquals(List.of(), config.validate(ServerConfigTest.HANDLERS));
        return ServerConfigParser.parse(config);
    }

    @Test
    void txqueuelenSizesTheServersTunDevice() throws Exception {
        assertEquals(0, parse("server 10.8.0.0 255.255.255.0\n").device().txQueueLength());
        assertEquals(2000, parse("server 10.8.0.0 255.255.255.0\ntxqueuelen 2000\n").device().txQueueLength());
    }

    @Test
    void sndbufAndRcvbufSizeTheListenersSockets() throws Exception {
        assertEquals(dev.culvert.spi.transport.TransportOptions.DEFAULT, parse("server 10.8.0.0 255.255.255.0\n").sockets());
        assertEquals(new dev.culvert.spi.transport.TransportOptions(131_072, 0),
                parse("server 10.8.0.0 255.255.255.0\nrcvbuf 131072\nsndbuf 0\n").sockets());
    }

    @Test
    void theTunnelNetworkIsServersNetworkWithItsTopology() throws Exception {
        TunnelNetwork net30 = parse("server 10.8.0.0 255.255.255.0\n").tunnel();
        assertEquals(new TunnelNetwork(Topology.NET30, 0x0A08_0000, 0xFFFF_FF00, true), net30);
        assertEquals(0x0A08_0001, net30.serverAddress());
        assertEquals(0x0A08_0002, net30.serverIfconfigSecond(), "net30: the server's point-to-point peer");
        assertEquals(0x0A08_0004, net30.poolStart());
        assertEquals(0x0A08_00FB, net30.poolEnd());

        TunnelNetwork subnet = parse("server 10.8.0.0 255.255.255.0 nopool\ntopology subnet\n").tunnel();
        assertEquals(Topology.SUBNET, subnet.topology());
        assertFalse(subnet.poolEnabled());
        assertEquals(0xFFFF_FF00, subnet.serverIfconfigSecond(), "subnet: the netmask");
        assertEquals(0x0A08_0002, subnet.poolStart());
        assertEquals(0x0A08_00FE, subnet.poolEnd());
        assertTrue(subnet.withinServerNetwork(0x0A08_0063));
        assertFalse(subnet.withinServerNetwork(0x0A09_0063));
    }

    @Test
    void theDeviceHoldsItsNameMtuAndRoutes() throws Exception {
        TunDevice device = parse("server 10.8.0.0 255.255.255.0\ntun-mtu 1400\nroute 192.168.40.0 255.255.255.0\n").device();
        assertEquals("tun", device.name());
        assertEquals(1400, device.mtu());
        assertEquals(List.of(Prefix.parse("192.168.40.0/24")), device.routes());
        assertEquals(TunDevice.DEFAULT_MTU, parse("server 10.8.0.0 255.255.255.0\n").device().mtu());
    }

    @Test
    void keepaliveIsExpandedAsAServerDoesAndPingAloneIsNotPushed() throws Exception {
        assertEquals(new Keepalive(10, 240, 10, 120), parse("server 10.8.0.0 255.255.255.0\nkeepalive 10 120\n").keepalive());
        assertEquals(new Keepalive(5, 30, 0, 0), parse("server 10.8.0.0 255.255.255.0\nping 5\nping-restart 30\n").keepalive());
        assertEquals(new Keepalive(0, 0, 0, 0), parse("server 10.8.0.0 255.255.255.0\n").keepalive());
    }

    @Test
    void theGlobalPushKeepsThePushLinesApartFromWhatTheServerAdds() throws Exception {
        ServerConfig c = parse("server 10.8.0.0 255.255.255.0\ntopology subnet\nkeepalive 10 60\npush \"dhcp-option DNS 10.8.0.1\"\n");
        assertEquals(List.of("dhcp-option DNS 10.8.0.1"), c.push().options());
        assertEquals(List.of("dhcp-option DNS 10.8.0.1", "route-gateway 10.8.0.1", "topology subnet", "ping 10", "ping-restart 60"),
                c.push().all());
        assertEquals(c.push().all(), c.globalPush());
    }

    @Test
    void clientRulesStatusPoolFileAndProcessHoldTheirDefaultsUntilALineSaysOtherwise() throws Exception {
        ServerConfig plain = parse("server 10.8.0.0 255.255.255.0\n");
        assertEquals(new ClientRules(false, false, Optional.empty(), false, ClientRules.DEFAULT_MAX_CLIENTS, 0, 0), plain.clients());
        assertEquals(new StatusOutput(Optional.empty(), StatusOutput.DEFAULT_SECONDS, StatusOutput.DEFAULT_VERSION), plain.status());
        assertEquals(new PoolPersistence(Optional.empty(), PoolPersistence.DEFAULT_SECONDS), plain.poolPersist());
        assertEquals(Optional.empty(), plain.process().user());
        assertEquals(ProcessSettings.DEFAULT_VERB, plain.process().verb());
        assertEquals(0, plain.process().explicitExitNotify());

        ServerConfig set = parse("""
                server 10.8.0.0 255.255.255.0
                client-to-client
                duplicate-cn
                max-clients 7
                connect-freq 3 10
                status-version 2
                user nobody
                group nogroup
                culvert-workers 3
                verb 4
                explicit-exit-notify 2
                """);
        assertEquals(new ClientRules(true, true, Optional.empty(), false, 7, 3, 10), set.clients());
        assertEquals(2, set.status().version());
        assertEquals(new ProcessSettings(Optional.of("nobody"), Optional.of("nogroup"), 3, 4, 2), set.process());
    }

    @Test
    void aRefusalStillNamesTheLine() throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\nkeepalive 10 60\nping 5\n", "s.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfigParser.parse(config));
        assertTrue(e.getMessage().contains("s.conf:"), e.getMessage());
        assertTrue(e.getMessage().contains("--keepalive conflicts with --ping"), e.getMessage());
    }

    @Test
    void aServerRefusesTheClientsUsernameAndPasswordLines() throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\nauth-user-pass up.txt\n", "s.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfigParser.parse(config));
        assertTrue(e.getMessage().contains("'auth-user-pass' is a client directive"), e.getMessage());
    }
}
