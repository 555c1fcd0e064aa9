package dev.culvert.vpn.client;

import dev.culvert.spi.link.HostRoute;
import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.push.RedirectGateway;
import dev.culvert.vpn.push.RedirectGateway.Flag;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The IPv4 internet through the tunnel, as 2.6 routes it on Linux for {@code redirect-gateway}
 * (route.c {@code redirect_default_route_to_vpn}), and the commands that take it back:
 * <ul>
 * <li>unless the server is {@code local} (or, with {@code autolocal}, on a directly connected
 *     network), a host route to the server through the gateway the host used for it, so the
 *     tunnel's own packets do not enter the tunnel;</li>
 * <li>with {@code def1}, 0.0.0.0/1 and 128.0.0.0/1 through the tunnel's gateway, which win over
 *     the default route and leave it in place; without, the default route itself is replaced, and
 *     put back when the tunnel goes (2.6 reads it as the route to the server, and so cannot when
 *     the server is on the local network; the default route itself is read here).</li>
 * </ul>
 * The IPv6 half ({@code ipv6}) is {@link TunAddressing}'s: its routes name the device only.
 * {@code bypass-dhcp} and {@code bypass-dns} do nothing on Linux in 2.6 either (it knows those
 * servers on Windows only). {@code block-local} (route.c {@code add_block_local}) sends the local
 * networks through the tunnel too: each IPv4 network of the default route's device, split in two
 * halves one bit longer, so they win over the device's own route, and a host route keeps the
 * gateway itself on the device.
 *
 * @param apply  the {@code ip} commands that redirect, in order
 * @param undo   the commands that take it back, in order
 * @param notes  what could not be done, for the log (2.6's NOTE lines)
 */
record GatewayRedirect(List<List<String>> apply, List<List<String>> undo, List<String> notes) {
    static final GatewayRedirect NONE = new GatewayRedirect(List.of(), List.of(), List.of());

    /**
     * Plans the redirect for {@code redirect} over {@code device}, whose IPv4 gateway is
     * {@code tunnelGateway} (null when the server named none), for the server at {@code server},
     * which the host reached through {@code toServer} before the tunnel (empty: no route), and
     * whose default route was {@code oldDefault} (empty: none).
     */
    static GatewayRedirect plan(RedirectGateway redirect, String device, String tunnelGateway, InetSocketAddress server,
                                Optional<HostRoute> toServer, Optional<HostRoute> oldDefault) {
        return plan(redirect, device, tunnelGateway, server, toServer, oldDefault, List.of());
    }

    /**
     * As above, with {@code localNetworks}, the IPv4 addresses ({@code ADDRESS/BITS}) of the old
     * default route's device, which {@code block-local} sends through the tunnel.
     */
    static GatewayRedirect plan(RedirectGateway redirect, String device, String tunnelGateway, InetSocketAddress server,
                                Optional<HostRoute> toServer, Optional<HostRoute> oldDefault, List<String> localNetworks) {
        if (redirect == null || !redirect.has(Flag.IPV4)) {
            return NONE;
        }
        List<List<String>> apply = new ArrayList<>();
        List<List<String>> undo = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (tunnelGateway == null && (redirect.has(Flag.REROUTE) || redirect.has(Flag.BLOCK_LOCAL))) {
            notes.add("unable to redirect the IPv4 default gateway: the server pushed no route-gateway");
            return new GatewayRedirect(apply, undo, notes);
        }
        boolean local = redirect.has(Flag.LOCAL) || (redirect.has(Flag.AUTOLOCAL) && toServer.map(HostRoute::direct).orElse(false));
        boolean ipv4Server = server != null && server.getAddress() != null && !(server.getAddress() instanceof Inet6Address);
        if (!local && toServer.isEmpty()) {
            notes.add("unable to redirect the IPv4 default gateway: the host has no route to the server " + server);
            return new GatewayRedirect(apply, undo, notes);
        }
        if (!local && ipv4Server) {
            List<String> hostRoute = route(server.getAddress().getHostAddress() + "/32", toServer.get());
            apply.add(join(List.of("route", "replace"), hostRoute));
            undo.add(join(List.of("route", "del"), hostRoute));
        }
        if (redirect.has(Flag.BLOCK_LOCAL)) {
            blockLocal(local, oldDefault, localNetworks, server, tunnelGateway, device, apply, undo, notes);
        }
        if (!redirect.has(Flag.REROUTE)) {
            return new GatewayRedirect(apply, undo, notes); // redirect-private: the default gateway stays
        }
        if (redirect.has(Flag.DEF1)) {
            for (String half : List.of("0.0.0.0/1", "128.0.0.0/1")) {
                apply.add(List.of("route", "replace", half, "via", tunnelGateway, "dev", device));
                undo.add(List.of("route", "del", half, "via", tunnelGateway, "dev", device));
            }
        } else {
            apply.add(List.of("route", "replace", "default", "via", tunnelGateway, "dev", device));
            if (oldDefault.isPresent()) {
                undo.add(join(List.of("route", "replace"), route("default", oldDefault.get())));
            } else {
                undo.add(List.of("route", "del", "default", "via", tunnelGateway, "dev", device));
            }
        }
        return new GatewayRedirect(apply, undo, notes);
    }

    /** 2.6's add_block_local: only when the server is not local, and the default route has a gateway. */
    private static void blockLocal(boolean local, Optional<HostRoute> oldDefault, List<String> localNetworks, InetSocketAddress server,
                                   String tunnelGateway, String device, List<List<String>> apply, List<List<String>> undo,
                                   List<String> notes) {
        if (local || oldDefault.isEmpty() || oldDefault.get().gateway() == null) {
            notes.add("redirect-gateway block-local: " + (local ? "the server is on the local network" : "the host has no default gateway")
                    + ", so the local network stays outside the tunnel, as in 2.6");
            return;
        }
        HostRoute gateway = oldDefault.get();
        String serverAddress = server != null && server.getAddress() != null ? server.getAddress().getHostAddress() : null;
        if (!gateway.gateway().equals(serverAddress)) {
            List<String> bypass = route(gateway.gateway() + "/32", gateway);
            apply.add(join(List.of("route", "replace"), bypass));
            undo.add(join(List.of("route", "del"), bypass));
        }
        for (String network : localNetworks) {
            for (String half : halves(network)) {
                apply.add(List.of("route", "replace", half, "via", tunnelGateway, "dev", device));
                undo.add(List.of("route", "del", half, "via", tunnelGateway, "dev", device));
            }
        }
    }

    /** {@code 192.168.1.20/24} → {@code 192.168.1.0/25} and {@code 192.168.1.128/25}; nothing for a /32 or a malformed one. */
    static List<String> halves(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (slash < 0 || bits < 0 || bits >= 32) {
                return List.of();
            }
            Prefix network = Prefix.masked(4, 0, AddressText.parseIpv4(cidr.substring(0, slash)) & 0xFFFF_FFFFL, bits);
            long half = 1L << (31 - bits);
            return List.of(Prefix.ipv4((int) network.lo(), bits + 1).toString(), Prefix.ipv4((int) (network.lo() + half), bits + 1).toString());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private static List<String> route(String destination, HostRoute via) {
        List<String> words = new ArrayList<>(List.of(destination));
        if (via.gateway() != null) {
            words.addAll(List.of("via", via.gateway()));
        }
        words.addAll(List.of("dev", via.device()));
        return words;
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
