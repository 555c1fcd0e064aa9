package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.link.HostRoute;
import dev.culvert.vpn.push.RedirectGateway;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The routes redirect-gateway sets on Linux as 2.6 sets them, and the ones that take them back. */
class GatewayRedirectTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("203.0.113.9", 1194);
    private static final Optional<HostRoute> VIA_ISP = Optional.of(new HostRoute("192.168.1.1", "eth0"));

    private static RedirectGateway flags(String... words) {
        return RedirectGateway.parse(List.of(words));
    }

    @Test
    void def1KeepsTheServerOnItsOldPathAndAddsTwoHalvesThroughTheTunnel() {
        GatewayRedirect r = GatewayRedirect.plan(flags("def1"), "tun0", "10.8.0.1", SERVER, VIA_ISP, VIA_ISP);
        assertEquals(List.of(
                List.of("route", "replace", "203.0.113.9/32", "via", "192.168.1.1", "dev", "eth0"),
                List.of("route", "replace", "0.0.0.0/1", "via", "10.8.0.1", "dev", "tun0"),
                List.of("route", "replace", "128.0.0.0/1", "via", "10.8.0.1", "dev", "tun0")), r.apply());
        assertEquals(List.of(
                List.of("route", "del", "203.0.113.9/32", "via", "192.168.1.1", "dev", "eth0"),
                List.of("route", "del", "0.0.0.0/1", "via", "10.8.0.1", "dev", "tun0"),
                List.of("route", "del", "128.0.0.0/1", "via", "10.8.0.1", "dev", "tun0")), r.undo());
        assertEquals(List.of(), r.notes());
    }

    @Test
    void withoutDef1TheDefaultRouteIsReplacedAndPutBackAfterwards() {
        GatewayRedirect r = GatewayRedirect.plan(flags(), "tun0", "10.8.0.1", SERVER, VIA_ISP, VIA_ISP);
        assertEquals(List.of("route", "replace", "default", "via", "10.8.0.1", "dev", "tun0"), r.apply().get(1));
        assertEquals(List.of("route", "replace", "default", "via", "192.168.1.1", "dev", "eth0"), r.undo().get(1));
        Optional<HostRoute> onTheLan = Optional.of(new HostRoute(null, "eth0"));
        GatewayRedirect lanServer = GatewayRedirect.plan(flags(), "tun0", "10.8.0.1", SERVER, onTheLan, VIA_ISP);
        assertEquals(List.of("route", "replace", "default", "via", "192.168.1.1", "dev", "eth0"), lanServer.undo().get(1),
                "the default route put back is the one read, not the route to a server on the local network");
    }

    @Test
    void aLocalServerGetsNoHostRouteAndAutolocalFindsOutFromTheHostsRoute() {
        assertEquals(2, GatewayRedirect.plan(flags("def1", "local"), "tun0", "10.8.0.1", SERVER, VIA_ISP, VIA_ISP).apply().size());
        Optional<HostRoute> onTheLan = Optional.of(new HostRoute(null, "eth0"));
        assertEquals(2, GatewayRedirect.plan(flags("def1", "autolocal"), "tun0", "10.8.0.1", SERVER, onTheLan, VIA_ISP).apply().size());
        assertEquals(3, GatewayRedirect.plan(flags("def1", "autolocal"), "tun0", "10.8.0.1", SERVER, VIA_ISP, VIA_ISP).apply().size(),
                "a server behind a gateway is not local");
    }

    @Test
    void whatCannotBeDoneIsANoteAndNothingChanges() {
        GatewayRedirect noGateway = GatewayRedirect.plan(flags("def1"), "tun0", null, SERVER, VIA_ISP, VIA_ISP);
        assertEquals(List.of(), noGateway.apply());
        assertTrue(noGateway.notes().get(0).contains("route-gateway"), noGateway.notes().toString());
        GatewayRedirect noRoute = GatewayRedirect.plan(flags("def1"), "tun0", "10.8.0.1", SERVER, Optional.empty(), VIA_ISP);
        assertEquals(List.of(), noRoute.apply());
        assertTrue(noRoute.notes().get(0).contains("no route to the server"), noRoute.notes().toString());
    }

    @Test
    void ipv6OnlyOrNoRedirectLeavesIpv4Alone() {
        assertSame(GatewayRedirect.NONE, GatewayRedirect.plan(flags("ipv6", "!ipv4"), "tun0", "10.8.0.1", SERVER, VIA_ISP, VIA_ISP));
        assertSame(GatewayRedirect.NONE, GatewayRedirect.plan(null, "tun0", "10.8.0.1", SERVER, VIA_ISP, VIA_ISP));
    }

    @Test
    void anIpv6ServerGetsNoIpv4HostRoute() {
        InetSocketAddress v6 = new InetSocketAddress("2001:db8::9", 1194);
        GatewayRedirect r = GatewayRedirect.plan(flags("def1"), "tun0", "10.8.0.1", v6, Optional.of(new HostRoute("fe80::1", "eth0")), VIA_ISP);
        assertEquals(2, r.apply().size());
    }

    @Test
    void blockLocalSendsEachLocalNetworkThroughTheTunnelInTwoHalvesAndKeepsTheGatewayOnTheDevice() {
        GatewayRedirect r = GatewayRedirect.plan(flags("def1", "block-local"), "tun0", "10.8.0.1", SERVER, VIA_ISP, VIA_ISP,
                List.of("192.168.1.20/24", "10.99.0.7/32"));
        assertEquals(List.of(
                List.of("route", "replace", "203.0.113.9/32", "via", "192.168.1.1", "dev", "eth0"),
                List.of("route", "replace", "192.168.1.1/32", "via", "192.168.1.1", "dev", "eth0"),
                List.of("route", "replace", "192.168.1.0/25", "via", "10.8.0.1", "dev", "tun0"),
                List.of("route", "replace", "192.168.1.128/25", "via", "10.8.0.1", "dev", "tun0"),
                List.of("route", "replace", "0.0.0.0/1", "via", "10.8.0.1", "dev", "tun0"),
                List.of("route", "replace", "128.0.0.0/1", "via", "10.8.0.1", "dev", "tun0")), r.apply());
        assertEquals(r.apply().size(), r.undo().size());
        assertEquals(List.of("route", "del", "192.168.1.128/25", "via", "10.8.0.1", "dev", "tun0"), r.undo().get(3));
        assertEquals(List.of(), r.notes());
    }

    @Test
    void blockLocalDoesNothingForALocalServerAndSaysSo() {
        GatewayRedirect r = GatewayRedirect.plan(flags("def1", "block-local", "local"), "tun0", "10.8.0.1", SERVER, VIA_ISP, VIA_ISP,
                List.of("192.168.1.20/24"));
        assertEquals(2, r.apply().size());
        assertTrue(r.notes().get(0).contains("the local network stays outside the tunnel"), r.notes().toString());
    }

    @Test
    void halvesAreOneBitLongerAndCoverTheNetwork() {
        assertEquals(List.of("0.0.0.0/1", "128.0.0.0/1"), GatewayRedirect.halves("10.0.0.1/0"));
        assertEquals(List.of("192.0.2.0/31", "192.0.2.2/31"), GatewayRedirect.halves("192.0.2.2/30"));
        assertEquals(List.of(), GatewayRedirect.halves("192.0.2.2/32"));
        assertEquals(List.of(), GatewayRedirect.halves("nonsense/24"));
    }

    @Test
    void redirectPrivateKeepsTheServersHostRouteAndBlockLocalButNotTheDefaultGateway() {
        RedirectGateway priv = RedirectGateway.parsePrivate(List.of("block-local"));
        GatewayRedirect r = GatewayRedirect.plan(priv, "tun0", "10.8.0.1", SERVER, VIA_ISP, VIA_ISP, List.of("192.168.1.20/24"));
        assertEquals(List.of(
                List.of("route", "replace", "203.0.113.9/32", "via", "192.168.1.1", "dev", "eth0"),
                List.of("route", "replace", "192.168.1.1/32", "via", "192.168.1.1", "dev", "eth0"),
                List.of("route", "replace", "192.168.1.0/25", "via", "10.8.0.1", "dev", "tun0"),
                List.of("route", "replace", "192.168.1.128/25", "via", "10.8.0.1", "dev", "tun0")), r.apply());
        GatewayRedirect plain = GatewayRedirect.plan(RedirectGateway.parsePrivate(List.of()), "tun0", null, SERVER, VIA_ISP, VIA_ISP);
        assertEquals(List.of(List.of("route", "replace", "203.0.113.9/32", "via", "192.168.1.1", "dev", "eth0")), plain.apply(),
                "without a route-gateway there is still the server's host route");
        assertEquals(List.of(), plain.notes());
    }

    @Test
    void aPushedRedirectPrivateAddsItsFlagsWithoutRerouting() {
        RedirectGateway pushed = RedirectGateway.pushed(dev.culvert.vpn.push.PushReplyParser.parse(
                "PUSH_REPLY,redirect-private def1 local,ping 10").reply());
        assertTrue(pushed.has(RedirectGateway.Flag.LOCAL) && !pushed.has(RedirectGateway.Flag.REROUTE));
        RedirectGateway both = RedirectGateway.union(pushed, flags("def1"));
        assertTrue(both.has(RedirectGateway.Flag.REROUTE), "redirect-gateway anywhere reroutes, as 2.6 ORs the flags");
    }
}
