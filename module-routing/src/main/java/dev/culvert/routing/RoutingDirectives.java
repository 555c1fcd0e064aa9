package dev.culvert.routing;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Claims OpenVPN 2.6's routing directives and checks their arguments.
 *
 * <ul>
 *   <li>{@code route network [netmask] [gateway] [metric]}: the netmask must be contiguous and the
 *       network must have no host bits. OpenVPN 2.6 parses such a route but Linux refuses to
 *       install it ("Invalid prefix for given prefix length"), so the route silently goes
 *       missing; Culvert refuses it at the line instead. {@code default} stands for a missing
 *       argument, and {@code vpn_gateway}, {@code net_gateway} and {@code remote_host} are
 *       accepted as 2.6 does. Host names are refused: Culvert does not resolve names in routes.</li>
 *   <li>{@code route-ipv6 prefix[/bits] [gateway] [metric]}: host bits are allowed and cleared, as
 *       OpenVPN and Linux do for IPv6.</li>
 *   <li>{@code iroute network [netmask]}: 2.6 refuses a non-contiguous netmask ("Bad
 *       network/subnet specification"). It accepts host bits but keeps them in its table key, so
 *       such an iroute never matches a packet; Culvert refuses it and names the network meant.</li>
 *   <li>{@code iroute-ipv6 prefix[/bits]}: host bits cleared, as 2.6 does.</li>
 *   <li>{@code client-to-client}; {@code topology subnet|net30|p2p}.</li>
 * </ul>
 */
@Component(service = DirectiveHandler.class)
public final class RoutingDirectives implements DirectiveHandler {
    private static final Set<String> DIRECTIVES = Set.of("route", "route-ipv6", "iroute", "iroute-ipv6", "client-to-client", "topology");
    private static final Set<String> SPECIAL_ADDRESSES = Set.of("vpn_gateway", "net_gateway", "remote_host");
    private static final Set<String> TOPOLOGIES = Set.of("subnet", "net30", "p2p");
    private static final String ROUTE_USAGE = "route network [netmask] [gateway] [metric], e.g. route 192.168.10.0 255.255.255.0";
    private static final String ROUTE6_USAGE = "route-ipv6 network/bits [gateway] [metric], e.g. route-ipv6 2001:db8:1::/48";
    private static final String IROUTE_USAGE = "iroute network [netmask], e.g. iroute 192.168.20.0 255.255.255.0";
    private static final String IROUTE6_USAGE = "iroute-ipv6 network/bits, e.g. iroute-ipv6 2001:db8:2::/64";

    @Override
    public String module() {
        return "module-routing";
    }

    @Override
    public Set<String> directives() {
        return DIRECTIVES;
    }

    /** The routing options module-routing accepts without acting on them ({@link RoutingFates}). */
    @Override
    public List<DirectiveClaim> noOps() {
        return RoutingFates.noOps();
    }

    /** The routing options module-routing refuses, each with its reason and fix ({@link RoutingFates}). */
    @Override
    public List<DirectiveClaim> refused() {
        return RoutingFates.refusals();
    }

    @Override
    public void check(Directive directive) throws ConfigException {
        switch (directive.name()) {
            case "route" -> checkRoute(directive);
            case "route-ipv6" -> checkRouteIpv6(directive);
            case "iroute" -> checkIroute(directive);
            case "iroute-ipv6" -> {
                directive.expectArgs(1, 1, IROUTE6_USAGE);
                ipv6Prefix(directive, directive.args().get(0), "iroute-ipv6 prefix", IROUTE6_USAGE);
            }
            case "client-to-client" -> directive.expectArgs(0, 0, "client-to-client");
            case "topology" -> {
                directive.expectArgs(1, 1, "topology subnet|net30|p2p");
                if (!TOPOLOGIES.contains(directive.args().get(0))) {
                    throw new ConfigException(directive, "--topology must be net30, p2p, or subnet, not '" + directive.args().get(0) + "'",
                            "write 'topology subnet' (recommended; net30 is 2.6's default for compatibility)");
                }
            }
            default -> throw new ConfigException(directive, "module-routing does not take '" + directive.name() + "'",
                    "this is a bug in module-routing; please report it with the line");
        }
    }

    /** The route as a prefix; the same checks as {@link #check} ("route" only, no special addresses). */
    static Prefix routePrefix(Directive directive) throws ConfigException {
        return network(directive, directive.arg(0, ROUTE_USAGE),
                directive.args().size() > 1 ? directive.args().get(1) : null, "route", ROUTE_USAGE);
    }

    /** The iroute as a prefix, after the checks of {@link #check}. */
    static Prefix iroutePrefix(Directive directive) throws ConfigException {
        return network(directive, directive.arg(0, IROUTE_USAGE),
                directive.args().size() > 1 ? directive.args().get(1) : null, "iroute", IROUTE_USAGE);
    }

    /** The IPv6 prefix of {@code route-ipv6} or {@code iroute-ipv6}, host bits cleared. */
    static Prefix ipv6Prefix(Directive directive) throws ConfigException {
        return ipv6Prefix(directive, directive.arg(0, ROUTE6_USAGE), directive.name() + " prefix", ROUTE6_USAGE);
    }

    private static void checkRoute(Directive directive) throws ConfigException {
        directive.expectArgs(1, 4, ROUTE_USAGE);
        String network = directive.args().get(0);
        String netmask = directive.args().size() > 1 ? directive.args().get(1) : null;
        if (SPECIAL_ADDRESSES.contains(network)) {
            if (netmask != null && !netmask.equals("default")) {
                ipv4(directive, netmask, "route netmask", ROUTE_USAGE);
            }
        } else {
            network(directive, network, netmask, "route", ROUTE_USAGE);
        }
        if (directive.args().size() > 2) {
            String gateway = directive.args().get(2);
            if (!gateway.equals("default") && !SPECIAL_ADDRESSES.contains(gateway)) {
                ipv4(directive, gateway, "route gateway", ROUTE_USAGE);
            }
        }
        if (directive.args().size() > 3) {
            metric(directive, directive.args().get(3), ROUTE_USAGE);
        }
    }

    private static void checkRouteIpv6(Directive directive) throws ConfigException {
        directive.expectArgs(1, 3, ROUTE6_USAGE);
        ipv6Prefix(directive, directive.args().get(0), "route-ipv6 prefix", ROUTE6_USAGE);
        if (directive.args().size() > 1) {
            String gateway = directive.args().get(1);
            if (!gateway.equals("default")) {
                try {
                    AddressText.parseIpv6(gateway);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(directive, "route-ipv6 gateway '" + gateway + "' is not an IPv6 address",
                            "write an IPv6 address or 'default' (the tunnel's remote end), as in: " + ROUTE6_USAGE);
                }
            }
        }
        if (directive.args().size() > 2) {
            metric(directive, directive.args().get(2), ROUTE6_USAGE);
        }
    }

    private static void checkIroute(Directive directive) throws ConfigException {
        directive.expectArgs(1, 2, IROUTE_USAGE);
        network(directive, directive.args().get(0), directive.args().size() > 1 ? directive.args().get(1) : null, "iroute", IROUTE_USAGE);
    }

    /** An IPv4 network and optional netmask ({@code default} or missing: a host). */
    private static Prefix network(Directive directive, String network, String netmask, String what, String usage) throws ConfigException {
        if (network.equals("default")) {
            throw new ConfigException(directive, what + " needs a network, and 'default' is not one",
                    "for the default route write '" + what + " 0.0.0.0 0.0.0.0'");
        }
        int address = ipv4(directive, network, what + " network", usage);
        int length = 32;
        if (netmask != null && !netmask.equals("default")) {
            int mask = ipv4(directive, netmask, what + " netmask", usage);
            length = Integer.bitCount(mask);
            if (Prefix.ipv4Mask(length) != (mask & 0xffffffffL)) {
                throw new ConfigException(directive, "in --" + what + " " + network + " " + netmask + ": bad network/subnet specification: the netmask's one bits are not contiguous",
                        "write a netmask such as 255.255.255.0 (/24), as in: " + usage);
            }
        }
        long hostBits = (address & 0xffffffffL) & ~Prefix.ipv4Mask(length);
        if (hostBits != 0) {
            String meant = AddressText.ipv4((int) ((address & 0xffffffffL) & Prefix.ipv4Mask(length)));
            throw new ConfigException(directive, what + " network " + network + " has host bits set for netmask "
                    + AddressText.ipv4((int) Prefix.ipv4Mask(length)),
                    "write the network address: '" + what + " " + meant + " " + AddressText.ipv4((int) Prefix.ipv4Mask(length)) + "'");
        }
        return Prefix.ipv4(address, length);
    }

    private static int ipv4(Directive directive, String text, String what, String usage) throws ConfigException {
        try {
            return AddressText.parseIpv4(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(directive, what + " '" + text + "' is not an IPv4 address",
                    "write a dotted quad (Culvert does not resolve host names in routes), as in: " + usage);
        }
    }

    private static Prefix ipv6Prefix(Directive directive, String text, String what, String usage) throws ConfigException {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        int length = 128;
        if (slash >= 0) {
            String bits = text.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(bits) > 128) {
                throw new ConfigException(directive, "bad " + what + " '" + text + "': the prefix length must be 0..128",
                        "as in: " + usage);
            }
            length = Integer.parseInt(bits);
        }
        long[] a;
        try {
            a = AddressText.parseIpv6(address);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(directive, "bad " + what + " '" + text + "': '" + address + "' is not an IPv6 address",
                    "as in: " + usage);
        }
        return Prefix.masked(6, a[0], a[1], length);
    }

    private static void metric(Directive directive, String text, String usage) throws ConfigException {
        if (text.equals("default")) {
            return;
        }
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ConfigException(directive, "route metric '" + text + "' must be a number >= 0",
                    "write a whole number such as 100, or 'default', as in: " + usage);
        }
    }
}
