package dev.culvert.vpn.client;

import dev.culvert.spi.link.HostRoute;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.spi.route.AddressText;
import dev.culvert.vpn.config.ClientRoute;
import java.net.Inet4Address;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client's own {@code route} lines as 2.6 installs them on Linux once the tunnel is up (route.c
 * {@code add_route}): the keywords resolved ({@code vpn_gateway}: the tunnel's IPv4 gateway, the
 * default gateway; {@code net_gateway}: the host's default gateway from before the tunnel;
 * {@code remote_host}: the server's address), a missing netmask a host route, a missing metric
 * {@code route-metric}'s. Each is added, not replaced, so that a route the host already has is kept
 * (2.6: "File exists", and it goes on); what was added is taken back when the tunnel goes. A line
 * whose keyword has no value here is skipped with a note.
 */
final class OwnRoutes {
    /** One route to add and, once added, its undo. */
    record Step(String where, List<String> add, List<String> delete) {
    }

    /** The steps and what could not be done, for the log. */
    record Plan(List<Step> steps, List<String> notes) {
    }

    private static final System.Logger LOG = System.getLogger(OwnRoutes.class.getName());
    /** The {@code ip route del} of each route added, for when the tunnel goes. */
    private final List<List<String>> added = new CopyOnWriteArrayList<>();

    /** Adds {@code plan}'s routes; one the host refuses (it has the route already) is logged and skipped, as 2.6 does. */
    void add(LinkFactory ip, Plan plan) {
        plan.notes().forEach(note -> LOG.log(System.Logger.Level.WARNING, "NOTE: " + note));
        for (Step step : plan.steps()) {
            try {
                ip.configure(step.add());
                added.add(step.delete());
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, step.where() + ": 'ip " + String.join(" ", step.add()) + "' failed: " + e.getMessage());
            }
        }
    }

    /** Takes back the routes added. */
    void takeBack(LinkFactory ip) {
        for (List<String> command : added) {
            try {
                ip.configure(command);
            } catch (IOException | RuntimeException e) {
                // A route through the tunnel went with its device already.
                LOG.log(System.Logger.Level.DEBUG, "taking back a route: " + e.getMessage());
            }
        }
        added.clear();
    }

    /**
     * Plans {@code routes} over {@code device}, whose IPv4 gateway is {@code tunnelGateway} (null
     * when the server named none), for the server at {@code server}, with the host's default route
     * from before the tunnel {@code netGateway} and the metric {@code defaultMetric} (null: none).
     */
    static Plan plan(List<ClientRoute> routes, String device, String tunnelGateway, InetSocketAddress server,
                     Optional<HostRoute> netGateway, String defaultMetric) {
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String serverAddress = server != null && server.getAddress() instanceof Inet4Address a ? a.getHostAddress() : null;
        for (ClientRoute r : routes) {
            String network = switch (r.network()) {
                case "vpn_gateway" -> tunnelGateway;
                case "net_gateway" -> netGateway.map(HostRoute::gateway).orElse(null);
                case "remote_host" -> serverAddress;
                default -> r.network();
            };
            if (network == null) {
                notes.add(r.where() + ": route " + r.network() + " skipped: " + r.network() + " is not known here");
                continue;
            }
            List<String> target = new ArrayList<>(List.of(network + "/" + prefixLength(r.netmask())));
            String gateway = r.gateway() == null ? "vpn_gateway" : r.gateway();
            switch (gateway) {
                case "vpn_gateway" -> {
                    if (tunnelGateway == null) {
                        notes.add(r.where() + ": route " + network + " skipped: the server pushed no route-gateway");
                        continue;
                    }
                    target.addAll(List.of("via", tunnelGateway, "dev", device));
                }
                case "net_gateway" -> {
                    if (netGateway.isEmpty()) {
                        notes.add(r.where() + ": route " + network + " skipped: the host had no default route before the tunnel");
                        continue;
                    }
                    HostRoute via = netGateway.get();
                    if (via.gateway() != null) {
                        target.addAll(List.of("via", via.gateway()));
                    }
                    target.addAll(List.of("dev", via.device()));
                }
                case "remote_host" -> {
                    if (serverAddress == null) {
                        notes.add(r.where() + ": route " + network + " skipped: the server's address is not IPv4");
                        continue;
                    }
                    target.addAll(List.of("via", serverAddress));
                }
                default -> target.addAll(List.of("via", gateway));
            }
            String metric = r.metric() != null ? r.metric() : defaultMetric;
            if (metric != null) {
                target.addAll(List.of("metric", metric));
            }
            List<String> add = new ArrayList<>(List.of("route", "add"));
            add.addAll(target);
            List<String> delete = new ArrayList<>(List.of("route", "del"));
            delete.addAll(target);
            steps.add(new Step(r.where(), List.copyOf(add), List.copyOf(delete)));
        }
        return new Plan(List.copyOf(steps), List.copyOf(notes));
    }

    /** Module-routing checked that the netmask is contiguous. */
    private static int prefixLength(String netmask) {
        return netmask == null ? 32 : Integer.bitCount(AddressText.parseIpv4(netmask));
    }
}
