package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dns search-domains DOMAIN…} and {@code dns server N address|resolve-domains|dnssec|transport|sni …}
 * (2.6's dns.c, options.c), checked as 2.6 checks them: N from -128 to 127, one to eight addresses
 * (a port after a colon, an IPv6 address in brackets then), the words each option takes, and every
 * server with an address ({@code dns_options_verify}). 2.6 on Linux hands these only to its scripts
 * (as {@code dns_*} variables), as it does {@code dhcp-option}; a client keeps them with those.
 */
final class DnsLine {
    static final String NAME = "dns";
    private static final String USAGE = "dns search-domains DOMAIN... | dns server N address ADDR[:PORT]... | dns server N"
            + " resolve-domains DOMAIN... | dns server N dnssec yes|optional|no | dns server N transport DoH|DoT|plain | dns server N sni NAME";
    private static final int MAX_ADDRESSES = 8;

    private DnsLine() {
    }

    /** Checks one line's words; returns the server number it configures, or null for search-domains. */
    static Integer check(Directive d) throws ConfigException {
        List<String> a = d.args();
        if (a.size() >= 2 && a.get(0).equals("search-domains")) {
            return null;
        }
        if (a.size() < 4 || !a.get(0).equals("server")) {
            throw new ConfigException(d, "not a dns line 2.6 reads", "as in: " + USAGE);
        }
        int n;
        try {
            n = Integer.parseInt(a.get(1));
        } catch (NumberFormatException e) {
            n = Integer.MIN_VALUE;
        }
        if (n < -128 || n > 127) {
            throw new ConfigException(d, "dns server '" + a.get(1) + "' is not a number from -128 to 127", "as in: " + USAGE);
        }
        List<String> values = a.subList(3, a.size());
        switch (a.get(2)) {
            case "address" -> {
                if (values.size() > MAX_ADDRESSES) {
                    throw new ConfigException(d, "dns server " + n + " names " + values.size() + " addresses; 2.6 takes at most "
                            + MAX_ADDRESSES, "split them over servers");
                }
                for (String v : values) {
                    address(d, v);
                }
            }
            case "resolve-domains" -> { }
            case "dnssec" -> one(d, values, Set.of("yes", "optional", "no"));
            case "transport" -> one(d, values, Set.of("DoH", "DoT", "plain"));
            case "sni" -> one(d, values, null);
            default -> throw new ConfigException(d, "'" + a.get(2) + "' is not a dns server option", "as in: " + USAGE);
        }
        return n;
    }

    /** Every {@code dns server N} of the configuration has an address, as 2.6 demands. */
    static void checkServers(Config config) throws ConfigException {
        Map<Integer, Directive> firstLine = new HashMap<>();
        Map<Integer, Boolean> addressed = new HashMap<>();
        for (Directive d : config.all(NAME)) {
            Integer n = check(d);
            if (n != null) {
                firstLine.putIfAbsent(n, d);
                addressed.merge(n, d.args().get(2).equals("address"), Boolean::logicalOr);
            }
        }
        for (Map.Entry<Integer, Boolean> e : addressed.entrySet()) {
            if (!e.getValue()) {
                throw new ConfigException(firstLine.get(e.getKey()), "dns server " + e.getKey() + " has no address",
                        "add 'dns server " + e.getKey() + " address ADDR'");
            }
        }
    }

    private static void one(Directive d, List<String> values, Set<String> allowed) throws ConfigException {
        if (values.size() != 1 || (allowed != null && !allowed.contains(values.get(0)))) {
            throw new ConfigException(d, "dns server " + d.args().get(2) + " takes one word" + (allowed == null ? "" : ": " + String.join(", ",
                    new java.util.TreeSet<>(allowed))), "as in: " + USAGE);
        }
    }

    private static void address(Directive d, String text) throws ConfigException {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
                throw new ConfigException(d, "'" + text + "' is not [IPv6]:PORT", "write e.g. [2001:db8::53]:53");
            }
            host = text.substring(1, close);
            port = close + 1 < text.length() ? text.substring(close + 2) : null;
        } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') > 0) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        ServerDirectives.address(d, host, 0);
        if (port != null) {
            VpnDirectives.port(d, port);
        }
    }
}
