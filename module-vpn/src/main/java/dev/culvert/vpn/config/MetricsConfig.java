package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * {@code culvert-metrics IP PORT}: where the server serves its Prometheus metrics. Not a 2.6
 * option; a server implements it, a client or point-to-point peer refuses it as not implemented
 * there yet ({@link ServerDirectives#SERVER_IMPLEMENTED}). The line is kept with the address, so a
 * port that cannot be bound at start is reported at its file and line, as a configuration error is.
 *
 * @param listen the address and port to listen on
 * @param where  the line's {@code file:line}
 */
public record MetricsConfig(InetSocketAddress listen, String where) {
    static final String NAME = "culvert-metrics";
    static final String USAGE = "culvert-metrics IP PORT, e.g. culvert-metrics 127.0.0.1 9176";

    /** The configuration's metrics endpoint, if it has one. */
    static Optional<MetricsConfig> from(Config config) throws ConfigException {
        Optional<Directive> line = config.last(NAME);
        if (line.isEmpty()) {
            return Optional.empty();
        }
        Directive d = line.get();
        check(d);
        int port = VpnDirectives.port(d, d.args().get(1));
        return Optional.of(new MetricsConfig(new InetSocketAddress(ServerDirectives.localAddress(d, d.args().get(0), 0), port), d.where()));
    }

    /** Checks one line alone, for {@code --check}'s per-line pass. */
    static void check(Directive d) throws ConfigException {
        d.expectArgs(2, 2, USAGE);
        VpnDirectives.port(d, d.args().get(1));
    }

    /** The error for a start that cannot listen: at the line, with what to do. */
    public ConfigException cannotListen(String why) {
        return new ConfigException(where, "culvert-metrics cannot listen on " + listen.getAddress().getHostAddress() + " port "
                + listen.getPort() + ": " + why, "free the port, or name another address or port on this line");
    }
}
