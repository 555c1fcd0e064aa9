package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.Directive;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's own {@code route NETWORK [NETMASK] [GATEWAY] [METRIC]} line, as written: module-routing
 * checked its syntax, and the words 2.6 gives a meaning to stay words here ({@code vpn_gateway},
 * {@code net_gateway}, {@code remote_host}, {@code default}), since what they stand for is known
 * only once the tunnel is up ({@code vpn.client.OwnRoutes} installs them).
 *
 * @param network the network, or one of the three keywords
 * @param netmask the netmask, or null ({@code default}: a host route)
 * @param gateway the gateway, a keyword, or null ({@code default}: {@code vpn_gateway})
 * @param metric  the metric, or null ({@code default}: {@code route-metric}'s)
 * @param where   the line, for the log
 */
public record ClientRoute(String network, String netmask, String gateway, String metric, String where) {
    /** The configuration's {@code route} lines, in order. */
    static List<ClientRoute> from(Config config) {
        List<ClientRoute> routes = new ArrayList<>();
        for (Directive d : config.all("route")) {
            routes.add(new ClientRoute(d.args().get(0), word(d, 1), word(d, 2), word(d, 3), d.where()));
        }
        return List.copyOf(routes);
    }

    private static String word(Directive d, int i) {
        return d.args().size() > i && !d.args().get(i).equals("default") ? d.args().get(i) : null;
    }
}
