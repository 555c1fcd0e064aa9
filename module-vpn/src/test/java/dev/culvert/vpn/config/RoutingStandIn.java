package dev.culvert.vpn.config;

import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.Set;

/**
 * Claims module-routing's directives for tests of module-vpn, which may not depend on that
 * module: the names as module-routing's RoutingDirectives claims them, every argument accepted.
 */
final class RoutingStandIn implements DirectiveHandler {
    static final Set<String> NAMES = Set.of("route", "route-ipv6", "iroute", "iroute-ipv6", "client-to-client", "topology");

    @Override
    public String module() {
        return "module-routing";
    }

    @Override
    public Set<String> directives() {
        return NAMES;
    }

    @Override
    public void check(Directive directive) {
    }
}
