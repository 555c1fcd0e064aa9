package dev.culvert.vpn.client;

import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.vpn.push.PushReply;
import dev.culvert.vpn.push.RedirectGateway;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies what the server pushed to the TUN device, as OpenVPN's client does with its ifconfig
 * and route calls: the address (a subnet address with its netmask, or a point-to-point pair in
 * net30 and p2p topology), the IPv6 address, the MTU, the pushed routes and the configuration's
 * own {@code route-ipv6} lines through the tunnel, and
 * with {@code redirect-gateway ipv6} the IPv6 internet through it.
 * Runs on the control side: each step starts {@code ip}.
 */
final class TunAddressing {
    private TunAddressing() {
    }

    /** The {@code ip} commands for a reply, in order; what {@link #apply} runs. */
    static List<List<String>> commands(String device, PushReply reply) {
        return commands(device, reply, List.of());
    }

    /** As above, then the configuration's own {@code route-ipv6} networks through the device. */
    static List<List<String>> commands(String device, PushReply reply, List<Prefix> ownRoutes6) {
        return commands(device, reply, ownRoutes6, redirectsIpv6(reply));
    }

    /**
     * As above; {@code redirectIpv6} is whether {@code redirect-gateway} (the client's own line or
     * the pushed one) has the {@code ipv6} flag.
     */
    static List<List<String>> commands(String device, PushReply reply, List<Prefix> ownRoutes6, boolean redirectIpv6) {
        return commands(device, reply, ownRoutes6, redirectIpv6, null);
    }

    /**
     * As above, with the client's own {@code route-metric} (null without one): the metric of every
     * route that names none, unless the server pushed its own {@code route-metric}, as 2.6 lets a
     * pushed option override the file's.
     */
    static List<List<String>> commands(String device, PushReply reply, List<Prefix> ownRoutes6, boolean redirectIpv6, String ownMetric) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("addr", "flush", "dev", device));
        if (reply.tunMtu() > 0) {
            commands.add(List.of("link", "set", "dev", device, "mtu", Integer.toString(reply.tunMtu())));
        }
        String gateway = gateway(reply);
        if (reply.ifconfig() != null) {
            String local = reply.ifconfig().localText();
            if (reply.effectiveTopology().secondIsNetmask()) {
                commands.add(List.of("addr", "add", local + "/" + prefixLength(reply.ifconfigNetmask()), "dev", device));
            } else {
                commands.add(List.of("addr", "add", local, "peer", reply.ifconfigRemote(), "dev", device));
            }
        }
        if (reply.ifconfig6() != null) {
            commands.add(List.of("-6", "addr", "add", reply.ifconfig6().address() + "/" + reply.ifconfig6().prefixLength(), "dev", device));
        }
        String pushedMetric = pushedRouteMetric(reply);
        String defaultMetric = pushedMetric != null ? pushedMetric : ownMetric;
        for (PushReply.Route route : reply.routes()) {
            Integer parsed = route.netmask() == null ? Integer.valueOf(0xFFFF_FFFF) : AddressText.ipv4OrNull(route.netmask());
            if (parsed == null) {
                continue; // the parser refuses malformed routes; nothing unparsable reaches here
            }
            int mask = parsed;
            String via = route.gateway() != null && !route.gateway().equals("vpn_gateway") ? route.gateway() : gateway;
            List<String> command = new ArrayList<>(List.of("route", "replace", route.network() + "/" + prefixLength(mask)));
            if (via != null) {
                command.addAll(List.of("via", via));
            }
            command.addAll(List.of("dev", device));
            addMetric(command, route.metric(), defaultMetric);
            commands.add(command);
        }
        for (PushReply.Route6 route : reply.routes6()) {
            List<String> command = new ArrayList<>(List.of("-6", "route", "replace", route.network(), "dev", device));
            addMetric(command, route.metric(), defaultMetric);
            commands.add(command);
        }
        for (Prefix route : ownRoutes6) {
            List<String> command = new ArrayList<>(List.of("-6", "route", "replace", route.toString(), "dev", device));
            addMetric(command, null, defaultMetric);
            commands.add(command);
        }
        if (reply.ifconfig6() != null && redirectIpv6) {
            for (String route : IPV6_REDIRECT) {
                commands.add(List.of("-6", "route", "replace", route, "dev", device));
            }
        }
        return commands;
    }

    /** A route's own metric, else the pushed {@code route-metric}, as 2.6 gives it to {@code ip route}; none when neither is a number. */
    private static void addMetric(List<String> command, String own, String byDefault) {
        String metric = own != null ? own : byDefault;
        if (metric != null && !metric.isEmpty() && metric.length() <= 9 && metric.chars().allMatch(Character::isDigit)) {
            command.addAll(List.of("metric", metric));
        }
    }

    /** The pushed {@code route-metric M}: the metric of the pushed routes that name none (2.6's route_default_metric). */
    static String pushedRouteMetric(PushReply reply) {
        String metric = null;
        for (String option : reply.rawOptions()) {
            String[] words = option.trim().split("[ \t]+");
            if (words.length == 2 && words[0].equals("route-metric")) {
                metric = words[1];
            }
        }
        return metric;
    }

    /**
     * What 2.6 routes into the tunnel on Linux for {@code redirect-gateway ipv6} (route.c
     * {@code add_route_ipv6} of "::/3" and its split): the global unicast space, 2000::/3 as
     * 2000::/4 and 3000::/4 so that it wins over a default route, plus ::/3 and the unique local
     * fc00::/7. They go away with the device when the client exits.
     */
    static final List<String> IPV6_REDIRECT = List.of("::/3", "2000::/4", "3000::/4", "fc00::/7");

    /** Whether a pushed {@code redirect-gateway} names the {@code ipv6} flag ({@code redirect-private} reroutes no gateway). */
    static boolean redirectsIpv6(PushReply reply) {
        RedirectGateway pushed = RedirectGateway.pushed(reply);
        return pushed != null && pushed.has(RedirectGateway.Flag.IPV6) && pushed.has(RedirectGateway.Flag.REROUTE);
    }

    /**
     * The tunnel's IPv4 gateway: the pushed {@code route-gateway}, or in net30 and p2p topology the
     * far end of the point-to-point pair; null when the server named none.
     */
    static String gateway(PushReply reply) {
        if (reply.routeGateway() != null) {
            return reply.routeGateway();
        }
        return reply.ifconfig() != null && !reply.effectiveTopology().secondIsNetmask() ? reply.ifconfigRemote() : null;
    }

    /** Runs the commands through the factory that opened the device. */
    static void apply(LinkFactory factory, String device, PushReply reply, List<Prefix> ownRoutes6, boolean redirectIpv6,
                      String ownMetric) throws IOException {
        for (List<String> command : commands(device, reply, ownRoutes6, redirectIpv6, ownMetric)) {
            factory.configure(command);
        }
    }

    /** The prefix length of a contiguous netmask, e.g. 24 for 255.255.255.0. */
    static int prefixLength(int netmask) {
        int length = Integer.bitCount(netmask);
        if (netmask != (length == 0 ? 0 : -1 << (32 - length))) {
            throw new IllegalArgumentException("netmask " + AddressText.ipv4(netmask) + " is not contiguous");
        }
        return length;
    }
}
