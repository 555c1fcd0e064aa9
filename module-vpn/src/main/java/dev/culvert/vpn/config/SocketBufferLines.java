package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.transport.TransportOptions;
import java.util.Optional;

/**
 * {@code sndbuf N} and {@code rcvbuf N}, in either role, as 2.6 takes them: the SO_SNDBUF and
 * SO_RCVBUF of the node's UDP or TCP sockets; 0 (2.6's default) leaves the size alone. 2.6 sets
 * no size of {@value #MAX_SIZE} bytes or more (its {@code SOCKET_SND_RCV_BUF_MAX}) and nor does
 * Culvert: such a size is left alone, with a warning saying so.
 */
final class SocketBufferLines {
    /** 2.6's SOCKET_SND_RCV_BUF_MAX: socket.c passes only smaller sizes to setsockopt. */
    static final int MAX_SIZE = 1_000_000;
    private static final System.Logger LOG = System.getLogger(SocketBufferLines.class.getName());

    private SocketBufferLines() {
    }

    /** Checks one line's argument. */
    static int check(Directive d) throws ConfigException {
        d.expectArgs(1, 1, d.name() + " BYTES (0 leaves the system's default), e.g. " + d.name() + " 393216");
        return VpnDirectives.number(d, d.args().get(0), "size in bytes");
    }

    /** The sizes the configuration's last {@code rcvbuf} and {@code sndbuf} lines ask for. */
    static TransportOptions from(Config config) throws ConfigException {
        return new TransportOptions(size(config.last("rcvbuf")), size(config.last("sndbuf")));
    }

    private static int size(Optional<Directive> line) throws ConfigException {
        if (line.isEmpty()) {
            return 0;
        }
        int bytes = check(line.get());
        if (bytes >= MAX_SIZE) {
            LOG.log(System.Logger.Level.WARNING, line.get().where() + ": '" + line.get().name() + " " + bytes + "' is left unset, as 2.6"
                    + " sets no socket buffer of " + MAX_SIZE + " bytes or more; write a smaller size (and raise net.core.rmem_max/wmem_max)");
            return 0;
        }
        return bytes;
    }
}
