package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.link.HostRoute;
import dev.culvert.vpn.config.ClientRoute;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code ip} commands for a client's own {@code route} lines, with 2.6's keywords resolved once the tunnel is up. */
class OwnRoutesTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.7", 1194);
    private static final Optional<HostRoute> HOST_DEFAULT = Optional.of(new HostRoute("192.0.2.254", "eth0"));

    private static OwnRoutes.Plan plan(List<ClientRoute> routes, Optional<HostRoute> netGateway, String metric) {
        return OwnRoutes.plan(routes, "tun0", "10.8.0.1", SERVER, netGateway, metric);
    }

    private static ClientRoute route(String network, String netmask, String gateway, String metric) {
        return new ClientRoute(network, netmask, gateway, metric, "c.conf:9");
    }

    @Test
    void aRouteGoesThroughTheTunnelsGatewayByDefaultAndIsAddedNotReplaced() {
        OwnRoutes.Plan p = plan(List.of(route("10.20.0.0", "255.255.0.0", null, null)), HOST_DEFAULT, null);
        assertEquals(List.of("route", "add", "10.20.0.0/16", "via", "10.8.0.1", "dev", "tun0"), p.steps().get(0).add());
        assertEquals(List.of("route", "del", "10.20.0.0/16", "via", "10.8.0.1", "dev", "tun0"), p.steps().get(0).delete());
    }

    @Test
    void theKeywordsStandForTheHostsOldGatewayTheServerAndTheTunnelsGateway() {
        OwnRoutes.Plan p = plan(List.of(
                route("remote_host", "255.255.255.255", "net_gateway", null),
                route("192.0.2.99", null, "remote_host", null),
                route("vpn_gateway", null, "vpn_gateway", "7")), HOST_DEFAULT, null);
        assertEquals(List.of("route", "add", "198.51.100.7/32", "via", "192.0.2.254", "dev", "eth0"), p.steps().get(0).add());
        assertEquals(List.of("route", "add", "192.0.2.99/32", "via", "198.51.100.7"), p.steps().get(1).add());
        assertEquals(List.of("route", "add", "10.8.0.1/32", "via", "10.8.0.1", "dev", "tun0", "metric", "7"), p.steps().get(2).add());
    }

    @Test
    void routeMetricIsTheMetricOfTheRoutesThatNameNone() {
        OwnRoutes.Plan p = plan(List.of(route("0.0.0.0", "0.0.0.0", null, null), route("10.1.0.0", "255.255.0.0", null, "3")),
                HOST_DEFAULT, "512");
        assertEquals(List.of("route", "add", "0.0.0.0/0", "via", "10.8.0.1", "dev", "tun0", "metric", "512"), p.steps().get(0).add());
        assertEquals(List.of("route", "add", "10.1.0.0/16", "via", "10.8.0.1", "dev", "tun0", "metric", "3"), p.steps().get(1).add());
    }

    @Test
    void aRouteWhoseKeywordHasNoValueIsSkippedWithANote() {
        OwnRoutes.Plan p = plan(List.of(route("10.2.0.0", "255.255.0.0", "net_gateway", null)), Optional.empty(), null);
        assertEquals(List.of(), p.steps());
        assertTrue(p.notes().get(0).startsWith("c.conf:9: route 10.2.0.0 skipped"), p.notes().toString());
        OwnRoutes.Plan noGateway = OwnRoutes.plan(List.of(route("10.3.0.0", "255.255.0.0", null, null)), "tun0", null, SERVER,
                HOST_DEFAULT, null);
        assertTrue(noGateway.steps().isEmpty() && noGateway.notes().get(0).contains("no route-gateway"), noGateway.notes().toString());
    }
}
