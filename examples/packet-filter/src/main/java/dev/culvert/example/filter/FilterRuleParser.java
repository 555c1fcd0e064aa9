package dev.culvert.example.filter;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.util.List;

/**
 * Reads {@code culvert-filter drop PROTOCOL [port N] [from PREFIX] [to PREFIX]}, refusing
 * anything else with the directive's file and line and the way to write it.
 */
final class FilterRuleParser {
    static final String USAGE = "culvert-filter drop tcp|udp|icmp|any [port N] [from A.B.C.D/N] [to A.B.C.D/N]";

    private FilterRuleParser() {
    }

    static FilterRule parse(Directive d) throws ConfigException {
        List<String> args = d.args();
        if (args.isEmpty()) {
            throw new ConfigException(d, "'culvert-filter' needs a rule", "write it as: " + USAGE);
        }
        if (!args.get(0).equals("drop")) {
            throw new ConfigException(d, "'culvert-filter' rules start with 'drop', found '" + args.get(0) + "'",
                    "this filter only drops (everything else passes); write it as: " + USAGE);
        }
        int protocol = protocol(d, d.arg(1, USAGE));
        int port = FilterRule.ANY_PORT;
        Ipv4Prefix from = null;
        Ipv4Prefix to = null;
        for (int i = 2; i < args.size(); i += 2) {
            String keyword = args.get(i);
            String value = d.arg(i + 1, USAGE);
            switch (keyword) {
                case "port" -> {
                    if (port != FilterRule.ANY_PORT) {
                        throw twice(d, keyword);
                    }
                    port = port(d, protocol, value);
                }
                case "from" -> {
                    if (from != null) {
                        throw twice(d, keyword);
                    }
                    from = prefix(d, value);
                }
                case "to" -> {
                    if (to != null) {
                        throw twice(d, keyword);
                    }
                    to = prefix(d, value);
                }
                default -> throw new ConfigException(d, "'culvert-filter' does not know '" + keyword + "'",
                        "after the protocol come 'port', 'from' and 'to', each with a value; write it as: " + USAGE);
            }
        }
        return new FilterRule(protocol, port, from, to, String.join(" ", args));
    }

    private static int protocol(Directive d, String name) throws ConfigException {
        return switch (name) {
            case "tcp" -> FilterRule.TCP;
            case "udp" -> FilterRule.UDP;
            case "icmp" -> FilterRule.ICMP;
            case "any" -> FilterRule.ANY_PROTOCOL;
            default -> throw new ConfigException(d, "'culvert-filter' does not know the protocol '" + name + "'",
                    "use tcp, udp, icmp or any; write it as: " + USAGE);
        };
    }

    private static int port(Directive d, int protocol, String text) throws ConfigException {
        if (protocol != FilterRule.TCP && protocol != FilterRule.UDP) {
            throw new ConfigException(d, "'culvert-filter' has a port only for tcp and udp",
                    "write 'drop tcp port N' or 'drop udp port N', or leave the port out");
        }
        int port = text.length() <= 5 && !text.isEmpty() && text.chars().allMatch(Character::isDigit) ? Integer.parseInt(text) : 0;
        if (port < 1 || port > 65535) {
            throw new ConfigException(d, "'culvert-filter' port '" + text + "' is not a port",
                    "a port is a number from 1 to 65535, e.g. 'culvert-filter drop tcp port 25'");
        }
        return port;
    }

    private static Ipv4Prefix prefix(Directive d, String text) throws ConfigException {
        Ipv4Prefix prefix = Ipv4Prefix.parse(text);
        if (prefix == null) {
            throw new ConfigException(d, "'culvert-filter' address '" + text + "' is not an IPv4 prefix",
                    "write an address with a prefix length, e.g. 192.0.2.0/24, or a single address");
        }
        return prefix;
    }

    private static ConfigException twice(Directive d, String keyword) {
        return new ConfigException(d, "'culvert-filter' has '" + keyword + "' twice", "write one rule per line: " + USAGE);
    }
}
