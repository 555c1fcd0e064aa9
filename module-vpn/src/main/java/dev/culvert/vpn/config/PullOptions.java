package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.push.PushFilter;
import dev.culvert.vpn.push.RedirectGateway;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's lines about what it takes from the server and where its traffic goes:
 * {@code redirect-gateway} (its own; a pushed one adds its flags), {@code route-nopull} and
 * {@code pull-filter} (what it keeps of the push), {@code route-metric} (the metric of the routes
 * that name none), and {@code dhcp-option} and {@code dns}, which 2.6 on Linux hands only to its
 * scripts: kept here, and logged at connect, since Culvert runs no script yet.
 *
 * @param redirectGateway the file's {@code redirect-gateway}, or null
 * @param pushFilter      {@code route-nopull} and the {@code pull-filter} lines
 * @param keptForScripts  the file's {@code dhcp-option} and {@code dns} lines, whole
 * @param routeMetric     the file's {@code route-metric}, or null
 */
public record PullOptions(RedirectGateway redirectGateway, PushFilter pushFilter, List<String> keptForScripts, String routeMetric) {
    static final PullOptions NONE = new PullOptions(null, PushFilter.NONE, List.of(), null);
    static final String PULL_FILTER_USAGE = "pull-filter accept|ignore|reject TEXT, e.g. pull-filter ignore \"route-gateway\"";

    public PullOptions {
        keptForScripts = List.copyOf(keptForScripts);
    }

    static PullOptions from(Config config) throws ConfigException {
        RedirectGateway redirect = null;
        for (Directive d : config.directives()) {
            if (d.name().equals("redirect-gateway") || d.name().equals("redirect-private")) {
                redirect = RedirectGateway.union(redirect, redirectGateway(d));
            }
        }
        List<PushFilter.Rule> rules = new ArrayList<>();
        for (Directive d : config.all("pull-filter")) {
            rules.add(pullFilter(d));
        }
        List<String> dhcp = new ArrayList<>();
        DnsLine.checkServers(config);
        for (Directive d : config.directives()) {
            if (d.name().equals("dhcp-option") || d.name().equals(DnsLine.NAME)) {
                dhcp.add(d.name() + " " + String.join(" ", d.args()));
            }
        }
        String metric = config.last("route-metric").map(d -> d.args().get(0)).orElse(null);
        return new PullOptions(redirect, new PushFilter(config.has("route-nopull"), rules), dhcp, metric);
    }

    /** A {@code redirect-gateway} or {@code redirect-private} line's flags (the latter reroutes no default gateway). */
    static RedirectGateway redirectGateway(Directive d) throws ConfigException {
        RedirectGateway parsed;
        try {
            parsed = d.name().equals("redirect-private") ? RedirectGateway.parsePrivate(d.args()) : RedirectGateway.parse(d.args());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(d, e.getMessage(), "use def1, local, autolocal, bypass-dhcp, bypass-dns, ipv6 or !ipv4");
        }
        return parsed;
    }

    static PushFilter.Rule pullFilter(Directive d) throws ConfigException {
        d.expectArgs(2, 2, PULL_FILTER_USAGE);
        PushFilter.Action action = switch (d.args().get(0)) {
            case "accept" -> PushFilter.Action.ACCEPT;
            case "ignore" -> PushFilter.Action.IGNORE;
            case "reject" -> PushFilter.Action.REJECT;
            default -> throw new ConfigException(d, "unknown pull-filter action '" + d.args().get(0) + "'", PULL_FILTER_USAGE);
        };
        return new PushFilter.Rule(action, d.args().get(1));
    }
}
