package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.management.ManagementServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code management IP PORT [PW-FILE]} or {@code management PATH unix [PW-FILE]}, and
 * {@code management-log-cache N} (options.c): where the management interface listens, the file
 * whose first line is its password, and how many log lines it keeps for {@code log all}. The
 * password file is read when the node starts, and checked here for readability, so that
 * {@code --check} says what start would. 2.6's {@code stdin} (ask on the terminal) is refused:
 * a node started as a service has no terminal to ask on.
 *
 * @param listen       the TCP address or the unix socket
 * @param passwordFile the password file, if any
 * @param logCache     lines of log history (2.6's default 250)
 * @param clientAuth   {@code management-client-auth}: the management client decides about each connecting client
 * @param hold         {@code management-hold}: the node waits for {@code hold release} before it serves (a client: before
 *                     its first connection and after each restart)
 * @param queryPasswords {@code management-query-passwords}: a client asks the management client for the username and
 *                     password {@code auth-user-pass} does not give (a server has none to ask for: no effect there, as in 2.6)
 */
public record ManagementConfig(ManagementServer.Listen listen, Optional<Path> passwordFile, int logCache, boolean clientAuth,
                               boolean hold, boolean queryPasswords) {
    static final String NAME = "management";
    static final String LOG_CACHE = "management-log-cache";
    static final String CLIENT_AUTH = "management-client-auth";
    static final String HOLD = "management-hold";
    static final String QUERY_PASSWORDS = "management-query-passwords";
    static final int DEFAULT_LOG_CACHE = 250;
    static final String USAGE = "management IP PORT [PW-FILE], or management PATH unix [PW-FILE]";

    /** The configuration's management interface, if it has one. */
    static Optional<ManagementConfig> from(Config config) throws ConfigException {
        Optional<Directive> line = config.last(NAME);
        if (line.isEmpty()) {
            for (String dependent : new String[] {LOG_CACHE, CLIENT_AUTH, HOLD, QUERY_PASSWORDS}) {
                Optional<Directive> orphan = config.last(dependent);
                if (orphan.isPresent()) {
                    throw new ConfigException(orphan.get(), "'" + dependent + "' without 'management'", "add a 'management' line, or remove this one");
                }
            }
            return Optional.empty();
        }
        Directive d = line.get();
        check(d);
        ManagementServer.Listen listen;
        if (d.args().get(1).equals("unix")) {
            listen = new ManagementServer.Listen(null, d.resolve(d.args().get(0)));
        } else {
            int port = VpnDirectives.port(d, d.args().get(1));
            listen = new ManagementServer.Listen(new InetSocketAddress(ServerDirectives.localAddress(d, d.args().get(0), 0), port), null);
        }
        Optional<Path> passwordFile = Optional.empty();
        if (d.args().size() == 3) {
            Path file = d.resolve(d.args().get(2));
            if (!Files.isReadable(file)) {
                throw new ConfigException(d, "the management password file " + file + " cannot be read",
                        "create it with the password on its first line, readable by the node's user");
            }
            passwordFile = Optional.of(file);
        }
        int cache = DEFAULT_LOG_CACHE;
        Optional<Directive> cacheLine = config.last(LOG_CACHE);
        if (cacheLine.isPresent()) {
            cache = logCache(cacheLine.get());
        }
        Optional<Directive> clientAuth = config.last(CLIENT_AUTH);
        if (clientAuth.isPresent()) {
            for (String script : new String[] {UserAuthConfig.VERIFY, HookScripts.CONNECT}) {
                if (config.has(script)) {
                    throw new ConfigException(clientAuth.get(), "'" + CLIENT_AUTH + "' together with '" + script + "' is not implemented"
                            + " yet: Culvert asks one of them, where 2.6 asks both", "keep one: let the management client decide, or the script");
                }
            }
        }
        return Optional.of(new ManagementConfig(listen, passwordFile, cache, clientAuth.isPresent(), config.has(HOLD),
                config.has(QUERY_PASSWORDS)));
    }

    /** Checks one line alone, for {@code --check}'s per-line pass. */
    static void check(Directive d) throws ConfigException {
        if (d.name().equals(CLIENT_AUTH) || d.name().equals(HOLD) || d.name().equals(QUERY_PASSWORDS)) {
            d.expectArgs(0, 0, d.name());
            return;
        }
        if (d.name().equals(LOG_CACHE)) {
            logCache(d);
            return;
        }
        d.expectArgs(2, 3, USAGE);
        if (!d.args().get(1).equals("unix")) {
            VpnDirectives.port(d, d.args().get(1));
        }
        if (d.args().size() == 3 && d.args().get(2).equals("stdin")) {
            throw new ConfigException(d, "'stdin' would ask for the management password on the terminal, which a node run as a service"
                    + " does not have", "write the password on the first line of a file and name that file");
        }
    }

    private static int logCache(Directive d) throws ConfigException {
        d.expectArgs(1, 1, LOG_CACHE + " N");
        int n = VpnDirectives.number(d, d.args().get(0), "number of log lines");
        if (n < 1 || n > 100_000) {
            throw new ConfigException(d, LOG_CACHE + " " + n + " is out of range", "use 1 to 100000 lines (2.6's default is 250)");
        }
        return n;
    }

    /**
     * The password: the file's first line, as bytes, which the caller wipes.
     *
     * @throws IOException if the file cannot be read now
     */
    public byte[] readPassword() throws IOException {
        if (passwordFile.isEmpty()) {
            return null;
        }
        byte[] all = Files.readAllBytes(passwordFile.get());
        try {
            int end = 0;
            while (end < all.length && all[end] != '\n' && all[end] != '\r') {
                end++;
            }
            return Arrays.copyOf(all, end);
        } finally {
            Arrays.fill(all, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "management " + listen + (passwordFile.isPresent() ? " (password file " + passwordFile.get() + ")" : "");
    }
}
