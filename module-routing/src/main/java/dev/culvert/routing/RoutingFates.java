package dev.culvert.routing;

import static dev.culvert.spi.config.ArgumentCheck.numbers;
import static dev.culvert.spi.config.ArgumentCheck.oneOf;
import static dev.culvert.spi.config.DirectiveClaim.noOp;
import static dev.culvert.spi.config.DirectiveClaim.refused;
import static dev.culvert.spi.config.DirectiveClaim.refusedEach;

import dev.culvert.spi.config.DirectiveClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fate in module-routing of OpenVPN 2.6's routing options it does not act on, each checked
 * against 2.6's {@code options.c} and manual: no-ops where 2.6 on Linux does nothing with them,
 * otherwise refused with the reason and the fix.
 */
final class RoutingFates {
    private RoutingFates() {
    }

    static List<DirectiveClaim> noOps() {
        return List.of(
                noOp("route-delay", "2.6 waits that long after the tunnel is up before it adds the routes (Windows waits for"
                        + " its adapter); a Linux tun device is ready at once, and Culvert adds the routes then",
                        numbers(0, 2, "route-delay [N] [W]")),
                // 2.6 on Linux takes it only from a push (its options.c: "ignore when pushed to non-Windows OS").
                noOp("route-method", "it chooses how Windows adds routes; 2.6 on Linux ignores it",
                        oneOf(Set.of("adaptive", "ipapi", "exe"), "route-method adaptive|ipapi|exe")));
    }

    static List<DirectiveClaim> refusals() {
        List<DirectiveClaim> claims = new ArrayList<>();
        claims.add(refused("route-ipv6-gateway", "'route-ipv6-gateway' is not implemented yet (the topologies issue: IPv6"
                + " inside the tunnel)", "remove the line, and name the gateway on each 'route-ipv6' line"));
        claims.add(refused("allow-pull-fqdn", "routes by host name are not implemented: Culvert does not resolve names in"
                + " routes", "remove the line, and have the server push routes by address"));
        claims.add(refused("allow-recursive-routing", "'allow-recursive-routing' is not implemented yet",
                "remove the line, and keep the route to the server outside the tunnel"));
        claims.add(refused("client-nat", "address translation between the tunnel and a client's network is not implemented",
                "remove the line, and translate with nftables on the client's gateway"));
        claims.addAll(refusedEach(n -> "'" + n + "' limits or expires routes a server learns from its clients' packets;"
                + " a Culvert server learns none (its clients' routes come from 'iroute' in their client-config-dir files),"
                + " and does not take it", "remove the line", "max-routes-per-client", "stale-routes-check"));
        return List.copyOf(claims);
    }
}
