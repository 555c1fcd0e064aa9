package dev.culvert.vpn.mesh;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.route.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses one {@code culvert-mesh-peer NAME HOST:PORT PREFIX...} line, the same in the main
 * configuration and in a peers file. Every error names the file and line and says the fix.
 */
public final class MeshPeerLine {
    static final String USAGE = "culvert-mesh-peer NAME HOST:PORT PREFIX..., e.g. culvert-mesh-peer node-b 192.0.2.2:1194 192.168.2.0/24"
            + " (HOST:PORT '*' for a leaf that has no fixed address)";
    /** A common name as an operator writes one for a node: no spaces, no slashes, bounded. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|[0-9A-Fa-f:.]{2,45}");
    /** A line names at most this many networks; more belong in a routing protocol, not a peers file. */
    static final int MAX_PREFIXES = 256;

    private MeshPeerLine() {
    }

    /**
     * The peer {@code args} (the words after the directive's name) declare.
     *
     * @param where {@code file:line}, for the error
     */
    public static MeshPeer parse(String where, List<String> args) throws ConfigException {
        if (args.size() < 3) {
            throw new ConfigException(where, "culvert-mesh-peer takes a name, HOST:PORT and at least one network, not "
                    + args.size() + " argument(s)", "write " + USAGE);
        }
        if (args.size() > 2 + MAX_PREFIXES) {
            throw new ConfigException(where, "culvert-mesh-peer names more than " + MAX_PREFIXES + " networks",
                    "summarize them into fewer, shorter prefixes");
        }
        String name = args.get(0);
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException(where, "'" + bounded(name) + "' is not a peer name",
                    "give the peer's certificate common name: letters, digits, '.', '_' or '-', up to 64 characters");
        }
        List<Prefix> prefixes = new ArrayList<>();
        for (String text : args.subList(2, args.size())) {
            Prefix p;
            try {
                p = Prefix.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where, "'" + bounded(text) + "' is not a network: " + e.getMessage(),
                        "write ADDRESS/LENGTH with the host bits zero, e.g. 192.168.2.0/24 or 2001:db8:2::/48");
            }
            if (prefixes.contains(p)) {
                throw new ConfigException(where, "peer " + name + " names " + text + " twice", "name each network once");
            }
            prefixes.add(p);
        }
        String endpoint = args.get(1);
        if (endpoint.equals("*")) {
            return new MeshPeer(name, Optional.empty(), 0, prefixes);
        }
        int colon = endpoint.lastIndexOf(':');
        String host = colon < 0 ? "" : endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            host = "";
        }
        int port = colon < 0 ? -1 : port(endpoint.substring(colon + 1));
        if (host.isEmpty() || !HOST.matcher(host).matches() || port < 1) {
            throw new ConfigException(where, "'" + bounded(endpoint) + "' is not HOST:PORT",
                    "write HOST:PORT (an IPv6 address in brackets, [2001:db8::2]:1194) with a port 1..65535, or '*' for a leaf");
        }
        return new MeshPeer(name, Optional.of(host), port, prefixes);
    }

    private static int port(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(digits);
        return port <= 65535 ? port : -1;
    }

    /** Quotes operator text back without echoing a whole line. */
    private static String bounded(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
