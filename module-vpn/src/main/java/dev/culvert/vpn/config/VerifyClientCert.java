package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.util.Optional;

/**
 * {@code verify-client-cert none|optional|require} (options.c): whether a server demands a client
 * certificate (require, the default), asks for one and checks it when it comes (optional), or
 * does not ask (none). A client without a certificate is known by its username: its common name
 * is 2.6's {@code UNDEF} unless {@code username-as-common-name}. As in 2.6, none and optional need
 * something else to authenticate clients: an {@code auth-user-pass-verify} script or
 * {@code management-client-auth}.
 */
public enum VerifyClientCert {
    REQUIRE, OPTIONAL, NONE;

    static final String NAME = "verify-client-cert";
    /** 2.6's common name for a client that sent no certificate. */
    public static final String UNDEF = "UNDEF";
    private static final String USAGE = "verify-client-cert none|optional|require";

    static VerifyClientCert from(Config config, UserAuthConfig userAuth, Optional<ManagementConfig> management) throws ConfigException {
        Optional<Directive> line = config.last(NAME);
        if (line.isEmpty()) {
            return REQUIRE;
        }
        VerifyClientCert mode = check(line.get());
        boolean authenticated = userAuth.verify().isPresent() || management.map(ManagementConfig::clientAuth).orElse(false);
        if (mode != REQUIRE && !authenticated) {
            throw new ConfigException(line.get(), "--verify-client-cert none|optional must be used with --management-client-auth, an"
                    + " --auth-user-pass-verify script, or plugin", "add 'auth-user-pass-verify SCRIPT via-file' (with script-security 2),"
                    + " or keep 'verify-client-cert require'");
        }
        return mode;
    }

    /** Checks one line alone, for {@code --check}'s per-line pass. */
    static VerifyClientCert check(Directive d) throws ConfigException {
        d.expectArgs(1, 1, USAGE);
        return switch (d.args().get(0)) {
            case "require" -> REQUIRE;
            case "optional" -> OPTIONAL;
            case "none" -> NONE;
            default -> throw new ConfigException(d, "--verify-client-cert must be 'none', 'optional' or 'require'", "write " + USAGE);
        };
    }
}
