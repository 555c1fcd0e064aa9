package dev.culvert.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.route.Prefix;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingDirectivesTest {
    private final RoutingDirectives handler = new RoutingDirectives();

    private List<ConfigException> validate(String text) throws ConfigException {
        return Config.of(text, "server.conf").validate(List.of(handler));
    }

    private ConfigException refused(String line) throws ConfigException {
        List<ConfigException> problems = validate("# a comment\n" + line + "\n");
        assertEquals(1, problems.size(), () -> line + " should be refused, got " + problems);
        ConfigException e = problems.get(0);
        assertEquals("server.conf:2", e.where(), "the error points at the line");
        assertTrue(e.fix() != null && !e.fix().isEmpty(), "the error says how to fix it");
        return e;
    }

    @Test
    void claimsTheRoutingDirectivesForModuleRouting() {
        assertEquals("module-routing", handler.module());
        assertEquals(java.util.Set.of("route", "route-ipv6", "iroute", "iroute-ipv6", "client-to-client", "topology"), handler.directives());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "route 192.168.10.0 255.255.255.0",
        "route 192.168.10.1",
        "route 10.0.0.0 255.0.0.0 10.8.0.1 100",
        "route 0.0.0.0 0.0.0.0",
        "route 192.168.10.0 255.255.255.0 default default",
        "route 10.1.2.3 255.255.255.255 vpn_gateway",
        "route remote_host 255.255.255.255 net_gateway",
        "route-ipv6 2001:db8::/32",
        "route-ipv6 2001:db8::1/32",
        "route-ipv6 ::/0 fd00::1 50",
        "route-ipv6 2001:db8::1",
        "iroute 192.168.20.0 255.255.255.0",
        "iroute 192.168.20.7",
        "iroute-ipv6 2001:db8:2::/64",
        "client-to-client",
        "topology subnet",
        "topology net30",
        "topology p2p",
    })
    void acceptsWhatOpenVpnAccepts(String line) throws ConfigException {
        assertEquals(List.of(), validate(line));
    }

    @Test
    void aRouteWithHostBitsSetIsRefusedWithTheNetworkMeant() throws ConfigException {
        ConfigException e = refused("route 192.168.10.1 255.255.255.0");
        assertTrue(e.problem().contains("host bits"), e.getMessage());
        assertTrue(e.fix().contains("route 192.168.10.0 255.255.255.0"), e.getMessage());
    }

    @Test
    void anIrouteWithHostBitsSetIsRefusedToo() throws ConfigException {
        ConfigException e = refused("iroute 192.168.20.9 255.255.255.0");
        assertTrue(e.fix().contains("iroute 192.168.20.0 255.255.255.0"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "route 10.0.0.0 255.0.255.0",
        "iroute 10.0.0.0 0.255.255.255",
    })
    void aNonContiguousNetmaskIsABadSubnetSpecification(String line) throws ConfigException {
        assertTrue(refused(line).problem().contains("bad network/subnet specification"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "route",
        "route 10.0.0.0 255.0.0.0 10.8.0.1 1 extra",
        "route default",
        "route vpn.example.com",
        "route 10.0.0.256",
        "route 10.0.0",
        "route 10.0.0.0 255.255.255.0 gateway.example",
        "route 10.0.0.0 255.255.255.0 10.8.0.1 -1",
        "route 10.0.0.0 255.255.255.0 10.8.0.1 ten",
        "route-ipv6",
        "route-ipv6 2001:db8::/129",
        "route-ipv6 2001:db8::/",
        "route-ipv6 2001:db8:::/32",
        "route-ipv6 10.0.0.0/8",
        "route-ipv6 2001:db8::/32 not-an-address",
        "route-ipv6 2001:db8::/32 fd00::1 1 extra",
        "iroute",
        "iroute 10.0.0.0 255.0.0.0 extra",
        "iroute-ipv6 2001:db8::/64 extra",
        "iroute-ipv6 2001:zz8::/64",
        "client-to-client yes",
        "topology",
        "topology mesh",
    })
    void refusesWrongArgumentsAtTheirLine(String line) throws ConfigException {
        refused(line);
    }

    @Test
    void theParsedPrefixesAreCanonical() throws ConfigException {
        assertEquals(Prefix.parse("192.168.10.0/24"), RoutingDirectives.routePrefix(Config.of("route 192.168.10.0 255.255.255.0", "c").directives().get(0)));
        assertEquals(Prefix.parse("192.168.20.7/32"), RoutingDirectives.iroutePrefix(Config.of("iroute 192.168.20.7", "c").directives().get(0)));
        assertEquals(Prefix.parse("2001:db8::/32"), RoutingDirectives.ipv6Prefix(Config.of("route-ipv6 2001:db8::1/32", "c").directives().get(0)),
                "IPv6 host bits are cleared, as OpenVPN and Linux do");
        assertEquals(Prefix.parse("2001:db8::1/128"), RoutingDirectives.ipv6Prefix(Config.of("iroute-ipv6 2001:db8::1", "c").directives().get(0)));
    }
}
