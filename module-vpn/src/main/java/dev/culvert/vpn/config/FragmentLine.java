package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.fragment.FragmentSize;
import dev.culvert.vpn.session.CommonSettings;
import java.util.Optional;

/**
 * 2.6's {@code fragment MAX [mtu]}: its syntax, the value a role reads, and 2.6's refusal of it on
 * a TCP transport ("--fragment can only be used with --proto udp"), which a role calls with its
 * own transports. Both ends of a tunnel need the same line: every data payload then carries the
 * fragment header.
 */
final class FragmentLine {
    static final String NAME = "fragment";

    private FragmentLine() {
    }

    /** Checks one line alone. */
    static void check(Directive d) throws ConfigException {
        d.expectArgs(1, 2, "fragment MAX [mtu], e.g. fragment 1300 (MAX bytes of UDP payload; with 'mtu', of the whole IP packet)");
        int max = VpnDirectives.number(d, d.args().get(0), "size in bytes");
        if (max < FragmentSize.MIN) {
            throw new ConfigException(d, "fragment " + max + " is too small", "use at least " + FragmentSize.MIN + ", as OpenVPN 2.6 requires");
        }
        if (d.args().size() == 2 && !d.args().get(1).equals("mtu")) {
            throw new ConfigException(d, "unknown fragment flag '" + d.args().get(1) + "'", "the only flag is 'mtu'");
        }
    }

    /** The configuration's {@code fragment} (its last line), empty without one; its syntax is already checked. */
    static Optional<FragmentSize> from(Config config) {
        return config.last(NAME).map(d -> new FragmentSize(Integer.parseInt(d.args().get(0)), d.args().size() == 2));
    }

    /** Refuses {@code fragment} when the role would carry it over TCP, naming the line, as 2.6 does. */
    static void refuseOverTcp(Config config, boolean tcp, String where) throws ConfigException {
        Optional<Directive> line = config.last(NAME);
        if (tcp && line.isPresent()) {
            throw new ConfigException(line.get(), "'fragment' can only be used over UDP, and " + where + " is TCP",
                    "remove 'fragment' (TCP never loses a datagram to IP fragmentation), or use 'proto udp'");
        }
    }

    /** {@code common} with the fragment setting, when there is one. */
    static CommonSettings apply(CommonSettings common, Optional<FragmentSize> fragment) {
        return fragment.map(common::withFragment).orElse(common);
    }
}
