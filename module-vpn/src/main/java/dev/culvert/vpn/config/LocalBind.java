package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where a client's socket is bound, as 2.6 decides it (options.c
 * {@code options_postprocess_mutate_ce}): a pulling client sends from a port the kernel picks,
 * unless {@code local}, {@code lport} or {@code bind} asks for a bound one; then it binds
 * {@code local}'s address (every address without it) and {@code lport}'s port, else
 * {@code port}'s, else 1194. {@code nobind} with any of them is refused, as 2.6 refuses it.
 *
 * @param address the address to bind, or null for the wildcard of the server's family
 * @param port    the local port
 */
record LocalBind(InetAddress address, int port) {
    static final int DEFAULT_PORT = 1194;

    /** The configuration's bind, or empty for a port the kernel picks. */
    static Optional<LocalBind> from(Config config) throws ConfigException {
        Optional<Directive> local = config.last("local");
        Optional<Directive> lport = config.last("lport");
        Optional<Directive> bind = config.last("bind");
        Optional<Directive> nobind = config.last("nobind");
        Optional<Directive> asks = local.or(() -> lport).or(() -> bind);
        if (asks.isEmpty()) {
            return Optional.empty();
        }
        if (nobind.isPresent()) {
            throw new ConfigException(nobind.get(), "'nobind' and '" + asks.get().name() + "' contradict each other: one asks for a bound"
                    + " local port, the other for none", "keep one of them (2.6 refuses the pair too)");
        }
        Optional<Directive> portLine = config.last("port");
        int port = lport.isPresent() ? VpnDirectives.localPort(lport.get(), lport.get().args().get(0))
                : portLine.isPresent() ? VpnDirectives.port(portLine.get(), portLine.get().args().get(0)) : DEFAULT_PORT;
        InetAddress address = local.isPresent() ? ServerDirectives.localAddress(local.get(), local.get().args().get(0), 0) : null;
        return Optional.of(new LocalBind(address, port));
    }

    /** The socket address to bind when the server is at {@code remote}: the wildcard of its family without {@code local}. */
    InetSocketAddress toward(InetSocketAddress remote) {
        if (address != null) {
            return new InetSocketAddress(address, port);
        }
        boolean v6 = remote != null && remote.getAddress() instanceof Inet6Address;
        return new InetSocketAddress(v6 ? "::" : "0.0.0.0", port);
    }
}
