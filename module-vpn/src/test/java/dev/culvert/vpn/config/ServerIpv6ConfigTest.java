package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.route.Prefix;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code server-ipv6}, {@code route-ipv6} and {@code ifconfig-ipv6-push} in a server's own configuration. */
class ServerIpv6ConfigTest {
    private static final String HEAD = "dev tun\ntopology subnet\nserver 10.8.0.0 255.255.255.0\n";

    private static ServerConfig parse(String lines) throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + HEAD + lines, "s.conf");
        assertEquals(List.of(), config.validate(ServerConfigTest.HANDLERS));
        return ServerConfig.from(config);
    }

    private static ConfigException refusal(String lines) throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + HEAD + lines, "s.conf");
        List<ConfigException> problems = config.validate(ServerConfigTest.HANDLERS);
        if (!problems.isEmpty()) {
            return problems.get(0);
        }
        return assertThrows(ConfigException.class, () -> ServerConfig.from(config));
    }

    @Test
    void serverIpv6GivesTheTunnelAnIpv6NetworkAndPushesTunIpv6AfterThePushLines() throws Exception {
        ServerConfig c = parse("server-ipv6 fd00:8::/64\npush \"route-ipv6 fd00:99::/64\"\n");
        assertEquals(Prefix.parse("fd00:8::/64"), c.tunnel6().orElseThrow().network());
        assertEquals(List.of("route-ipv6 fd00:99::/64", "tun-ipv6", "route-gateway 10.8.0.1", "topology subnet"), c.globalPush());
    }

    @Test
    void withoutServerIpv6ThereIsNoIpv6NetworkAndNoTunIpv6() throws Exception {
        ServerConfig c = parse("");
        assertEquals(Optional.empty(), c.tunnel6());
        assertEquals(List.of("route-gateway 10.8.0.1", "topology subnet"), c.globalPush());
    }

    @Test
    void routeIpv6SendsANetworkIntoTheTunnelThroughTheServersDevice() throws Exception {
        assertEquals(List.of(Prefix.parse("192.168.40.0/24"), Prefix.parse("fd00:20::/64")),
                parse("route 192.168.40.0 255.255.255.0\nroute-ipv6 fd00:20::/64\n").device().routes());
    }

    @Test
    void aNetworkOutsideSlash64ToSlash124OrWithHostBitsIsRefusedWithTheFix() throws Exception {
        ConfigException wide = refusal("server-ipv6 fd00:8::/60\n");
        assertTrue(wide.problem().contains("between /64 and /124 (not /60)"), wide.getMessage());
        ConfigException hostBits = refusal("server-ipv6 fd00:8::5/64\n");
        assertTrue(hostBits.fix().contains("server-ipv6 fd00:8::/64"), hostBits.getMessage());
        ConfigException noLength = refusal("server-ipv6 fd00:8::\n");
        assertTrue(noLength.fix().contains("server-ipv6 NETWORK/BITS"), noLength.getMessage());
    }

    @Test
    void ifconfigIpv6PushBelongsInTheClientsFile() throws Exception {
        ConfigException e = refusal("ifconfig-ipv6-push fd00:8::77/64\n");
        assertTrue(e.fix().contains("client-config-dir"), e.getMessage());
    }
}
