package dev.culvert.vpn.ccd;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.config.IfconfigIpv6;
import dev.culvert.vpn.config.NetworkArgument;
import dev.culvert.vpn.config.ServerDirectives;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code client-config-dir DIR} [{@code ccd-exclusive}]: finds and reads the file of a client,
 * as 2.6 does (multi.c {@code multi_client_connect_source_ccd}): the file named exactly as the
 * common name, else the {@code DEFAULT} file, else nothing. With {@code ccd-exclusive} a client
 * without its own file is refused, and a client called {@code DEFAULT} too (ssl_verify.c
 * {@code verify_final_auth_checks}).
 *
 * <p>Common names: 2.6 rewrites control characters to {@code _} when it reads the certificate and
 * {@code /} when it builds the path ({@code string_mod}, {@code platform_gen_path}), and refuses
 * {@code .} and {@code ..}. Culvert refuses every such name instead, so no two names share a
 * file by rewriting and none reaches outside the directory; names 2.6 keeps as they are (UTF-8
 * included) are used as they are.
 */
public final class ClientConfigDir {
    /** The file used for a client without its own. */
    public static final String DEFAULT = "DEFAULT";
    /** 2.6's TLS_USERNAME_LEN: a longer common name is refused when the certificate is verified. */
    public static final int MAX_COMMON_NAME = 64;

    private static final String IFCONFIG_PUSH_USAGE = "ifconfig-push LOCAL NETMASK (subnet) or ifconfig-push LOCAL REMOTE (net30)";
    private static final String IROUTE_USAGE = "iroute NETWORK [NETMASK], e.g. iroute 192.168.20.0 255.255.255.0";
    private static final String IROUTE6_USAGE = "iroute-ipv6 PREFIX/BITS, e.g. iroute-ipv6 2001:db8:2::/64";

    private final Path dir;
    private final boolean exclusive;

    public ClientConfigDir(Path dir, boolean exclusive) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        this.exclusive = exclusive;
    }

    /**
     * The overrides for the client whose certificate says {@code commonName}; {@link
     * ClientOverrides#NONE} without a file (unless exclusive). A refusal (a common name that is
     * not a safe file name, no file with {@code ccd-exclusive}) or an error in the file is a
     * {@link ConfigException}: the runtime refuses the client and logs it.
     */
    public ClientOverrides load(String commonName) throws ConfigException {
        checkCommonName(commonName);
        Path own;
        try {
            own = dir.resolve(commonName);
        } catch (InvalidPathException e) {
            // A name the platform cannot spell as a file name (the JVM's file-name encoding, say ASCII under LANG=C).
            throw refused(commonName, "cannot be a file name here (" + e.getReason() + ")");
        }
        if (!dir.equals(own.getParent())) {
            throw refused(commonName, "does not name a file directly in the directory");
        }
        if (Files.isRegularFile(own)) {
            return read(own);
        }
        if (exclusive) {
            throw new ConfigException(dir.toString(), "client-config-dir authentication failed for common name '" + commonName
                    + "': ccd-exclusive and no file " + own, "create " + own + " to let this client in");
        }
        Path fallback = dir.resolve(DEFAULT);
        return Files.isRegularFile(fallback) ? read(fallback) : ClientOverrides.NONE;
    }

    public Path dir() {
        return dir;
    }

    public boolean exclusive() {
        return exclusive;
    }

    private void checkCommonName(String cn) throws ConfigException {
        if (cn == null || cn.isEmpty()) {
            throw refused("", "is empty");
        }
        if (cn.length() > MAX_COMMON_NAME) {
            throw refused(cn.substring(0, MAX_COMMON_NAME) + "…", "is longer than " + MAX_COMMON_NAME + " characters");
        }
        for (int i = 0; i < cn.length(); i++) {
            char c = cn.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isISOControl(c)) {
                throw refused(cn, "holds a control character, which 2.6 would rewrite to '_'");
            }
            if (c == '/') {
                throw refused(cn, "holds '/', which 2.6 would rewrite to '_'");
            }
        }
        if (cn.equals(".") || cn.equals("..")) {
            throw refused(cn, "names a directory, not a file");
        }
        if (exclusive && cn.equals(DEFAULT)) {
            throw refused(cn, "is the name of the default file, which ccd-exclusive does not accept as a client's own");
        }
    }

    private ConfigException refused(String cn, String why) {
        // The name came from the network: its control characters never reach a log line.
        return new ConfigException(dir.toString(), "common name '" + printable(cn) + "' " + why + "; the client is refused",
                "issue the client a certificate whose common name is a plain file name (letters, digits, '-', '_', '.', '@')");
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                b.append('?');
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static ClientOverrides read(Path file) throws ConfigException {
        return parse(Config.load(file));
    }

    /**
     * A client's configuration in the syntax of its client-config-dir file: the file itself, or
     * what a connect hook gives ({@code client-connect}'s dynamic file).
     */
    public static ClientOverrides parse(Config config) throws ConfigException {
        IfconfigPush ifconfigPush = null;
        IfconfigIpv6 ifconfigIpv6Push = null;
        List<Prefix> iroutes = new ArrayList<>();
        List<String> push = new ArrayList<>();
        boolean pushReset = false;
        boolean disable = false;
        for (Directive d : config.directives()) {
            switch (d.name()) {
                case "ifconfig-push" -> ifconfigPush = ifconfigPush(d);
                case "ifconfig-ipv6-push" -> ifconfigIpv6Push = ServerDirectives.ifconfigIpv6Push(d);
                case "iroute" -> {
                    d.expectArgs(1, 2, IROUTE_USAGE);
                    iroutes.add(NetworkArgument.ipv4(d, 0, IROUTE_USAGE));
                }
                case "iroute-ipv6" -> {
                    d.expectArgs(1, 1, IROUTE6_USAGE);
                    iroutes.add(NetworkArgument.ipv6(d, 0, IROUTE6_USAGE));
                }
                case "push" -> {
                    d.expectArgs(1, 1, "push \"OPTION ARGS\"");
                    push.add(ServerDirectives.pushOption(d, d.args().get(0)));
                }
                case "push-reset" -> {
                    d.expectArgs(0, 0, "push-reset");
                    pushReset = true;
                }
                case "disable" -> {
                    d.expectArgs(0, 0, "disable");
                    disable = true;
                }
                default -> throw new ConfigException(d, "'" + d.name() + "' is not implemented in a client-config-dir file",
                        "remove the line; a client's file takes ifconfig-push, ifconfig-ipv6-push, iroute, iroute-ipv6, push, push-reset and disable");
            }
        }
        return new ClientOverrides(Optional.ofNullable(ifconfigPush), iroutes, push, pushReset, disable, Optional.ofNullable(ifconfigIpv6Push));
    }

    private static IfconfigPush ifconfigPush(Directive d) throws ConfigException {
        if (d.args().size() == 3) {
            throw new ConfigException(d, "ifconfig-push's third address (an alias) is not implemented", "write it as: " + IFCONFIG_PUSH_USAGE);
        }
        d.expectArgs(2, 2, IFCONFIG_PUSH_USAGE);
        int local = NetworkArgument.literal(d, d.args().get(0), IFCONFIG_PUSH_USAGE);
        int second = NetworkArgument.literal(d, d.args().get(1), IFCONFIG_PUSH_USAGE);
        if (local == 0 || second == 0) {
            throw new ConfigException(d, "cannot parse --ifconfig-push addresses: 0.0.0.0 is not an address", "write it as: " + IFCONFIG_PUSH_USAGE);
        }
        return new IfconfigPush(local, second);
    }
}
