package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.route.Prefix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server's {@code ifconfig-ipv6} and {@code ifconfig-ipv6-pool}, combined as 2.6 combines them
 * with {@code server} and {@code server-ipv6}.
 */
class IfconfigIpv6PoolConfigTest {
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

    private static Prefix host(String text) {
        return Prefix.parse(text + "/128");
    }

    @Test
    void ifconfigIpv6GivesTheServerItsAddressAndTheLengthClientsArePushedWith() throws Exception {
        TunnelNetwork6 six = parse("ifconfig-ipv6 fd00:8::1/64 fd00:8::2\nifconfig-ipv6-pool fd00:8::8000/112\n").tunnel6().orElseThrow();
        assertEquals(host("fd00:8::1"), six.serverAddress());
        assertEquals(Prefix.parse("fd00:8::/64"), six.network());
        assertEquals(host("fd00:8::8000"), six.poolAddress(0), "the first client, beside 10.8.0.2");
        assertEquals(host("fd00:8::8001"), six.poolAddress(1));
        assertEquals(65536 - 0x8000, six.poolSize(), "2.6: from the base to the end of the pool's /112");
        assertEquals("fd00:8::8000/64", six.withLength(six.poolAddress(0)), "2.6 pushes ifconfig-ipv6's length, not the pool's");
    }

    @Test
    void ifconfigIpv6WithoutAPoolGivesAddressesOnlyThroughIfconfigIpv6Push() throws Exception {
        ServerConfig c = parse("ifconfig-ipv6 fd00:8::1/64 fd00:8::2\n");
        assertEquals(0, c.tunnel6().orElseThrow().poolSize());
        assertEquals(null, c.tunnel6().orElseThrow().poolAddress(0));
    }

    @Test
    void onlyServerIpv6PushesTunIpv6As2_6sHelperDoes() throws Exception {
        ServerConfig c = parse("ifconfig-ipv6 fd00:8::1/64 fd00:8::2\nifconfig-ipv6-pool fd00:8::1000/64\n");
        assertEquals(List.of("route-gateway 10.8.0.1", "topology subnet"), c.globalPush());
    }

    @Test
    void serverIpv6AlreadyDefinesThePoolSoAnExplicitOneIsRefusedAs2_6RefusesIt() throws Exception {
        ConfigException e = refusal("server-ipv6 fd00:8::/64\nifconfig-ipv6-pool fd00:8::8000/64\n");
        assertTrue(e.problem().contains("--server-ipv6 already defines an ifconfig-ipv6-pool"), e.getMessage());
        assertTrue(e.getMessage().contains("s.conf"), "names the file: " + e.getMessage());
        assertTrue(e.fix().contains("ifconfig-ipv6 ADDRESS/BITS REMOTE"), e.getMessage());
    }

    @Test
    void ifconfigIpv6BesideServerIpv6WouldBeIgnoredSoItIsRefused() throws Exception {
        ConfigException e = refusal("server-ipv6 fd00:8::/64\nifconfig-ipv6 fd00:8::1/64 fd00:8::2\n");
        assertTrue(e.fix().contains("remove this line"), e.getMessage());
    }

    @Test
    void aPoolNeedsTheServersOwnIfconfigIpv6() throws Exception {
        ConfigException e = refusal("ifconfig-ipv6-pool fd00:8::1000/64\n");
        assertTrue(e.problem().contains("--ifconfig-ipv6-pool needs --ifconfig-ipv6"), e.getMessage());
        assertTrue(e.fix().contains("ifconfig-ipv6 fd00:8::1/64"), e.getMessage());
    }

    @Test
    void aPoolBesideNopoolIsRefusedSinceItsAddressesPairWithIpv4Entries() throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + "dev tun\ntopology subnet\nserver 10.8.0.0 255.255.255.0 nopool\n"
                + "ifconfig-ipv6 fd00:8::1/64 fd00:8::2\nifconfig-ipv6-pool fd00:8::1000/64\n", "s.conf");
        assertEquals(List.of(), config.validate(ServerConfigTest.HANDLERS));
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.from(config));
        assertTrue(e.fix().contains("ifconfig-ipv6-push"), e.getMessage());
        Config server6 = Config.of(ServerFiles.inlinePki() + "dev tun\ntopology subnet\nserver 10.8.0.0 255.255.255.0 nopool\n"
                + "server-ipv6 fd00:8::/64\n", "s.conf");
        ConfigException nopool = assertThrows(ConfigException.class, () -> ServerConfig.from(server6));
        assertTrue(nopool.problem().contains("incompatible with 'nopool'"), nopool.getMessage());
    }

    @Test
    void badArgumentsAreRefusedWithTheUsage() throws Exception {
        assertTrue(refusal("ifconfig-ipv6 fd00:8::1/64 fd00:8::2\nifconfig-ipv6-pool fd00:8::1000/60\n").problem()
                .contains("between /64 and /124 (not /60)"));
        assertTrue(refusal("ifconfig-ipv6 fd00:8::1/64 fd00:8::2\nifconfig-ipv6-pool fd00:8::1000\n").fix()
                .contains("ifconfig-ipv6-pool ADDRESS/BITS"));
        assertTrue(refusal("ifconfig-ipv6 fd00:8::1/64 fd00:8::2\nifconfig-ipv6-pool fd00:8::f/124\n").problem()
                .contains("IPv6 pool size is too small"));
        assertTrue(refusal("ifconfig-ipv6 fd00:8::1/64\n").fix().contains("ifconfig-ipv6 ADDRESS/BITS REMOTE"));
        assertTrue(refusal("ifconfig-ipv6 fd00:8::1/60 fd00:8::2\n").problem().contains("between 64 and 124"));
        assertTrue(refusal("ifconfig-ipv6 fd00:8::1/64 bogus\n").fix().contains("ifconfig-ipv6 ADDRESS/BITS REMOTE"));
    }

    @Test
    void aClientRefusesThemWithTheReason() throws Exception {
        Config client = Config.of("client\ndev tun\nremote 192.0.2.1\nca ca.pem\nifconfig-ipv6-pool fd00:8::1000/64\n", "c.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> ClientConfig.from(client));
        assertTrue(e.getMessage().contains("ifconfig-ipv6-pool"), e.getMessage());
        Config clientIfconfig6 = Config.of("client\ndev tun\nremote 192.0.2.1\nca ca.pem\nifconfig-ipv6 fd00:8::5/64 fd00:8::1\n", "c.conf");
        ConfigException six = assertThrows(ConfigException.class, () -> ClientConfig.from(clientIfconfig6));
        assertTrue(six.problem().contains("not implemented for a Culvert client"), six.getMessage());
    }
}
