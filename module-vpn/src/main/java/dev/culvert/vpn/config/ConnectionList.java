package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.keys.OccOptionsString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The servers a client tries, in order, as 2.6 builds its connection list (options.c): every
 * {@code remote} line, or else every {@code <connection>} block, each with its own protocol, port
 * and retry timers; {@code remote-random} shuffles the list once at start; {@code connect-retry-max}
 * bounds how many times each entry is tried before the client gives up.
 *
 * <p>Outside a block, {@code proto}, {@code port}/{@code rport}, {@code connect-retry} and
 * {@code server-poll-timeout} are the defaults of every entry, and a {@code remote} line's own port
 * and protocol win over them. Inside a block, its lines win over the defaults. A block takes only
 * the connection options Culvert honours per entry; any other line in it is refused with the fix,
 * since 2.6 would apply it to that entry alone.
 */
public final class ConnectionList {
    /** The options a {@code <connection>} block may hold here (2.6 allows a few more; those are refused by name). */
    static final Set<String> IN_BLOCK = Set.of("remote", "proto", "port", "rport", "connect-retry", "server-poll-timeout",
            "connect-timeout", "nobind");
    private static final String REMOTE_USAGE = "remote HOST [PORT] [udp|tcp-client]";

    private final List<RemoteEntry> entries;
    private final int connectRetryMax;

    private ConnectionList(List<RemoteEntry> entries, int connectRetryMax) {
        this.entries = List.copyOf(entries);
        this.connectRetryMax = connectRetryMax;
    }

    /** One entry, as a point-to-point peer's single {@code remote} is. */
    public static ConnectionList of(RemoteEntry entry) {
        return new ConnectionList(List.of(entry), 0);
    }

    /**
     * Reads the client's connection list; {@code random} shuffles it when the configuration says
     * {@code remote-random}. Refuses a configuration without a server, and one that mixes
     * {@code remote} lines with {@code <connection>} blocks, as 2.6 does.
     */
    public static ConnectionList from(Config config, Random random) throws ConfigException {
        List<Directive> blocks = config.all("connection");
        List<Directive> remotes = config.all("remote");
        if (!blocks.isEmpty() && !remotes.isEmpty()) {
            throw new ConfigException(remotes.get(0), "'remote' lines and <connection> blocks are both present; 2.6 refuses the mix",
                    "move each 'remote' line into a <connection> block of its own, or use 'remote' lines only");
        }
        Defaults defaults = Defaults.read(config.directives(), Defaults.FALLBACK);
        List<RemoteEntry> entries = new ArrayList<>();
        for (Directive r : remotes) {
            entries.add(defaults.entry(r));
        }
        for (Directive block : blocks) {
            entries.add(blockEntry(block, defaults));
        }
        if (entries.isEmpty()) {
            throw new ConfigException("<config>", "no 'remote' directive: the client does not know its server", "add '" + REMOTE_USAGE + "'");
        }
        if (config.has("remote-random")) {
            Collections.shuffle(entries, random);
        }
        int max = 0;
        Optional<Directive> retryMax = config.last("connect-retry-max");
        if (retryMax.isPresent()) {
            max = VpnDirectives.seconds(retryMax.get(), retryMax.get().arg(0, "connect-retry-max N"));
        }
        return new ConnectionList(entries, max);
    }

    private static RemoteEntry blockEntry(Directive block, Defaults outer) throws ConfigException {
        List<Directive> inside = new ArrayList<>();
        for (Directive d : Config.of(block.args().get(0), block.source()).directives()) {
            Directive placed = new Directive(d.name(), d.args(), block.source(), block.line() + d.line(), false, block.cd());
            if (!IN_BLOCK.contains(placed.name())) {
                throw new ConfigException(placed, "'" + placed.name() + "' inside a <connection> block is not supported by Culvert",
                        "move it out of the block (it then applies to every server), or remove it");
            }
            new VpnDirectives().check(placed);
            inside.add(placed);
        }
        List<Directive> remote = inside.stream().filter(d -> d.name().equals("remote")).toList();
        if (remote.size() != 1) {
            throw new ConfigException(block, "a <connection> block holds " + remote.size() + " 'remote' lines",
                    "give each block exactly one '" + REMOTE_USAGE + "'");
        }
        return Defaults.read(inside, outer).entry(remote.get(0));
    }

    public List<RemoteEntry> entries() {
        return entries;
    }

    /** How many times each entry is tried before the client gives up; 0: for ever (2.6's default). */
    public int connectRetryMax() {
        return connectRetryMax;
    }

    /** The per-entry options as the lines around a {@code remote} set them. */
    private record Defaults(int port, String proto, Directive protoLine, int retry, int retryMax, int poll) {
        static final Defaults FALLBACK = new Defaults(1194, "udp", null, RemoteEntry.DEFAULT_CONNECT_RETRY,
                RemoteEntry.DEFAULT_CONNECT_RETRY_MAX, RemoteEntry.DEFAULT_SERVER_POLL);

        /** {@code base} with the last of each option in {@code lines} applied. */
        static Defaults read(List<Directive> lines, Defaults base) throws ConfigException {
            int port = base.port;
            String proto = base.proto;
            Directive protoLine = base.protoLine;
            int retry = base.retry;
            int retryMax = base.retryMax;
            int poll = base.poll;
            for (Directive d : lines) {
                switch (d.name()) {
                    case "port", "rport" -> port = VpnDirectives.port(d, d.arg(0, d.name() + " PORT"));
                    case "proto" -> {
                        proto = d.arg(0, "proto udp|tcp-client");
                        protoLine = d;
                    }
                    case "connect-retry" -> {
                        retry = VpnDirectives.seconds(d, d.arg(0, "connect-retry SECONDS [MAX]"));
                        retryMax = d.args().size() > 1 ? Math.max(retry, VpnDirectives.seconds(d, d.args().get(1))) : retryMax;
                    }
                    case "server-poll-timeout", "connect-timeout" -> poll = VpnDirectives.seconds(d, d.arg(0, d.name() + " SECONDS"));
                    default -> {
                    }
                }
            }
            return new Defaults(port, proto, protoLine, retry, retryMax, poll);
        }

        RemoteEntry entry(Directive remote) throws ConfigException {
            String host = remote.arg(0, REMOTE_USAGE);
            int entryPort = remote.args().size() > 1 ? VpnDirectives.port(remote, remote.args().get(1)) : port;
            Directive where = remote.args().size() > 2 ? remote : protoLine;
            String entryProto = remote.args().size() > 2 ? remote.args().get(2) : proto;
            if (VpnDirectives.SERVER_PROTOS.contains(entryProto)) {
                throw new ConfigException(where, "'" + entryProto + "' is the server side of TCP", "a client uses 'tcp-client' (or 'tcp')");
            }
            OccOptionsString.Transport transport = entryProto.startsWith("tcp") ? OccOptionsString.Transport.TCP : OccOptionsString.Transport.UDP;
            int family = entryProto.contains("4") ? 4 : entryProto.contains("6") ? 6 : 0;
            return new RemoteEntry(host, entryPort, transport, family, retry, retryMax, poll, remote.where());
        }
    }
}
