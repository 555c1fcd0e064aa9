package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.AddressText;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerTunTest {
    private static int ip(String text) {
        return AddressText.ipv4OrNull(text);
    }

    @Test
    void subnetTopologyGivesTheServerItsAddressWithThePoolsNetmask() {
        assertEquals(List.of(
                List.of("addr", "replace", "10.8.0.1/24", "dev", "tun0"),
                List.of("route", "replace", "192.168.50.0/24", "dev", "tun0")),
                ServerTun.commands("tun0", true, ip("10.8.0.0"), ip("255.255.255.0"), ip("10.8.0.1"), ip("255.255.255.0"),
                        List.of(Prefix.ipv4(ip("192.168.50.0"), 24))));
    }

    @Test
    void net30GivesAPointToPointPairAndRoutesTheNetworkViaThePeer() {
        assertEquals(List.of(
                List.of("addr", "replace", "10.8.0.1", "peer", "10.8.0.2", "dev", "tun3"),
                List.of("route", "replace", "10.8.0.0/24", "via", "10.8.0.2", "dev", "tun3"),
                List.of("route", "replace", "192.168.50.0/24", "via", "10.8.0.2", "dev", "tun3")),
                ServerTun.commands("tun3", false, ip("10.8.0.0"), ip("255.255.255.0"), ip("10.8.0.1"), ip("10.8.0.2"),
                        List.of(Prefix.ipv4(ip("192.168.50.0"), 24))));
    }

    @Test
    void serverIpv6AddsTheServersIpv6AddressBeforeTheRoutesAndRouteIpv6GoesThroughTheDevice() {
        Prefix net = Prefix.parse("fd00:8::/64");
        assertEquals(List.of(
                List.of("addr", "replace", "10.8.0.1/24", "dev", "tun0"),
                List.of("-6", "addr", "replace", "fd00:8::1/64", "dev", "tun0"),
                List.of("-6", "route", "replace", "fd00:20::/64", "dev", "tun0")),
                ServerTun.commands("tun0", true, ip("10.8.0.0"), ip("255.255.255.0"), ip("10.8.0.1"), ip("255.255.255.0"),
                        java.util.Optional.of(new dev.culvert.vpn.config.TunnelNetwork6(net.hi(), net.lo(), 64)),
                        List.of(Prefix.parse("fd00:20::/64"))));
    }
}
