package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.push.PushReply;
import dev.culvert.vpn.push.PushReplyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code ip} commands a client runs for what a stock 2.6 server with {@code server-ipv6} pushes. */
class TunAddressingTest {
    /** A stock 2.6.14 server's reply with server-ipv6, push "route-ipv6 …" and push "redirect-gateway ipv6". */
    private static final String STOCK = "PUSH_REPLY,route-ipv6 fd00:99::/64,redirect-gateway ipv6,tun-ipv6,route-gateway 10.9.0.1,"
            + "topology subnet,ping 10,ping-restart 60,ifconfig-ipv6 fd00:9::1000/64 fd00:9::1,ifconfig 10.9.0.2 255.255.255.0,"
            + "peer-id 0,cipher AES-256-GCM,protocol-flags cc-exit tls-ekm dyn-tls-crypt,tun-mtu 1500";

    private static PushReply reply(String message) {
        PushReplyParser p = PushReplyParser.parse(message);
        assertEquals(PushReplyParser.Status.DONE, p.status(), p::detail);
        return p.reply();
    }

    @Test
    void theIpv6AddressThePushedRouteAndTheRedirectRoutesOf2_6OnLinux() {
        assertEquals(List.of(
                List.of("addr", "flush", "dev", "tun0"),
                List.of("link", "set", "dev", "tun0", "mtu", "1500"),
                List.of("addr", "add", "10.9.0.2/24", "dev", "tun0"),
                List.of("-6", "addr", "add", "fd00:9::1000/64", "dev", "tun0"),
                List.of("-6", "route", "replace", "fd00:99::/64", "dev", "tun0"),
                List.of("-6", "route", "replace", "::/3", "dev", "tun0"),
                List.of("-6", "route", "replace", "2000::/4", "dev", "tun0"),
                List.of("-6", "route", "replace", "3000::/4", "dev", "tun0"),
                List.of("-6", "route", "replace", "fc00::/7", "dev", "tun0")),
                TunAddressing.commands("tun0", reply(STOCK)));
    }

    @Test
    void theConfigurationsOwnRouteIpv6LinesFollowThePushedRoutes() {
        List<List<String>> commands = TunAddressing.commands("tun0", reply(STOCK.replace("redirect-gateway ipv6,", "")),
                List.of(Prefix.parse("fd00:20::/64")));
        assertEquals(List.of(List.of("-6", "route", "replace", "fd00:99::/64", "dev", "tun0"),
                List.of("-6", "route", "replace", "fd00:20::/64", "dev", "tun0")), commands.subList(commands.size() - 2, commands.size()));
    }

    @Test
    void redirectGatewayWithoutTheIpv6FlagOrWithoutAnIpv6AddressAddsNoIpv6Routes() {
        List<List<String>> v4Only = TunAddressing.commands("tun0", reply(STOCK.replace("redirect-gateway ipv6", "redirect-gateway def1")));
        assertEquals(1, v4Only.stream().filter(c -> c.contains("-6") && c.contains("route")).count(), "only route-ipv6: " + v4Only);
        List<List<String>> noAddress = TunAddressing.commands("tun0",
                reply(STOCK.replace("ifconfig-ipv6 fd00:9::1000/64 fd00:9::1,", "")));
        assertEquals(1, noAddress.stream().filter(c -> c.contains("-6")).count(), "only route-ipv6: " + noAddress);
    }

    @Test
    void aPushedRoutesMetricOrThePushedRouteMetricGoesToIpRoute() {
        List<List<String>> commands = TunAddressing.commands("tun0", reply("PUSH_REPLY,route-gateway 10.9.0.1,topology subnet,"
                + "ifconfig 10.9.0.2 255.255.255.0,route-metric 512,route 10.1.0.0 255.255.0.0,route 10.2.0.0 255.255.0.0 vpn_gateway 7,"
                + "route-ipv6 fd00:99::/64 :: 9"));
        assertEquals(List.of(
                List.of("route", "replace", "10.1.0.0/16", "via", "10.9.0.1", "dev", "tun0", "metric", "512"),
                List.of("route", "replace", "10.2.0.0/16", "via", "10.9.0.1", "dev", "tun0", "metric", "7"),
                List.of("-6", "route", "replace", "fd00:99::/64", "dev", "tun0", "metric", "9")),
                commands.subList(commands.size() - 3, commands.size()));
    }

    @Test
    void theClientsRouteMetricAppliesToRoutesThatNameNoneUnlessTheServerPushedOne() {
        String reply = "PUSH_REPLY,route-gateway 10.9.0.1,topology subnet,ifconfig 10.9.0.2 255.255.255.0,route 10.1.0.0 255.255.0.0,"
                + "route 10.2.0.0 255.255.0.0 vpn_gateway 7";
        List<List<String>> own = TunAddressing.commands("tun0", reply(reply), List.of(Prefix.parse("fd00:20::/64")), false, "100");
        assertEquals(List.of(
                List.of("route", "replace", "10.1.0.0/16", "via", "10.9.0.1", "dev", "tun0", "metric", "100"),
                List.of("route", "replace", "10.2.0.0/16", "via", "10.9.0.1", "dev", "tun0", "metric", "7"),
                List.of("-6", "route", "replace", "fd00:20::/64", "dev", "tun0", "metric", "100")),
                own.subList(own.size() - 3, own.size()));
        List<List<String>> pushed = TunAddressing.commands("tun0", reply(reply + ",route-metric 512"), List.of(), false, "100");
        assertEquals(List.of("route", "replace", "10.1.0.0/16", "via", "10.9.0.1", "dev", "tun0", "metric", "512"), pushed.get(pushed.size() - 2));
    }
}
