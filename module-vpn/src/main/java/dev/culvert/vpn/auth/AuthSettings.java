package dev.culvert.vpn.auth;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.util.Optional;
import java.util.Set;

/**
 * A client's username-and-password lines, read and checked: where they come from
 * ({@code auth-user-pass}), whether the password is forgotten after use ({@code auth-nocache}),
 * what {@code AUTH_FAILED} leads to ({@code auth-retry}), and a token given in the file
 * ({@code auth-token}, with {@code auth-token-user}), which 2.6 accepts there as if pushed.
 *
 * @param source           where the username and password come from; null without {@code auth-user-pass}
 * @param noCache          {@code auth-nocache}
 * @param retry            {@code auth-retry}, {@link AuthRetry#NONE} by default
 * @param token            {@code auth-token} from the file, or null
 * @param tokenUserBase64  {@code auth-token-user} from the file, or null
 */
public record AuthSettings(UserPassSource source, boolean noCache, AuthRetry retry, String token, String tokenUserBase64) {
    /** The names this record reads, all client-only: a server or point-to-point file refuses them. */
    public static final Set<String> DIRECTIVES = Set.of("auth-user-pass", "auth-nocache", "auth-retry", "auth-token", "auth-token-user");

    /**
     * The settings of a client file (the last line of each name counts, as in OpenVPN), with the
     * file or block of {@code auth-user-pass} read and checked.
     */
    public static AuthSettings from(Config config) throws ConfigException {
        Optional<Directive> userPass = config.last("auth-user-pass");
        Optional<Directive> token = config.last("auth-token");
        Optional<Directive> tokenUser = config.last("auth-token-user");
        if (token.isPresent()) {
            token.get().expectArgs(1, 1, "auth-token TOKEN");
        }
        if (tokenUser.isPresent()) {
            TokenUser.decode(tokenUser.get());
        }
        if (userPass.isEmpty()) {
            Optional<Directive> orphan = token.or(() -> tokenUser);
            if (orphan.isPresent()) {
                throw new ConfigException(orphan.get(), "'" + orphan.get().name() + "' without 'auth-user-pass': the token stands in "
                        + "for a password the client does not send", "add 'auth-user-pass FILE', or remove the line");
            }
        }
        UserPassSource source = null;
        if (userPass.isPresent()) {
            source = UserPassSource.from(userPass.get());
            source.check();
        }
        Optional<Directive> noCache = config.last("auth-nocache");
        if (noCache.isPresent()) {
            noCache.get().expectArgs(0, 0, "auth-nocache");
        }
        Optional<Directive> retry = config.last("auth-retry");
        return new AuthSettings(source, noCache.isPresent(), retry.isPresent() ? AuthRetry.of(retry.get()) : AuthRetry.NONE,
                token.map(d -> d.args().get(0)).orElse(null), tokenUser.map(d -> d.args().get(0)).orElse(null));
    }

    /** Checks one line alone, as {@code --check} reads each line; {@link #from} checks the whole. */
    public static void checkLine(Directive d) throws ConfigException {
        switch (d.name()) {
            case "auth-user-pass" -> UserPassSource.from(d);
            case "auth-nocache" -> d.expectArgs(0, 0, "auth-nocache");
            case "auth-retry" -> AuthRetry.of(d);
            case "auth-token" -> d.expectArgs(1, 1, "auth-token TOKEN");
            case "auth-token-user" -> TokenUser.decode(d);
            default -> throw new IllegalArgumentException(d.name() + " is not an auth directive");
        }
    }

    @Override
    public String toString() {
        return "AuthSettings[" + source + (noCache ? ", auth-nocache" : "") + ", auth-retry " + retry
                + (token == null ? "" : ", a token") + "]";
    }
}
