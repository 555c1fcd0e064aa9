package dev.culvert.vpn.auth;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code auth-token-user}'s argument: the token's username, base64-encoded as 2.6 pushes it. */
final class TokenUser {
    private TokenUser() {
    }

    /** The username, or null if {@code base64} is not base64 of one (2.6 then keeps the username it has). */
    static String decodeOrNull(String base64) {
        try {
            String user = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            return user.isEmpty() || user.indexOf('\0') >= 0 || user.length() > UserPassSource.MAX_LENGTH ? null : user;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The username of a file's {@code auth-token-user} line, or an error naming it. */
    static String decode(Directive d) throws ConfigException {
        d.expectArgs(1, 1, "auth-token-user BASE64-USERNAME");
        String user = decodeOrNull(d.args().get(0));
        if (user == null) {
            throw new ConfigException(d, "'" + d.args().get(0) + "' is not the base64 of a username", "write the username in base64, "
                    + "e.g. 'auth-token-user " + Base64.getEncoder().encodeToString("alice".getBytes(StandardCharsets.UTF_8)) + "'");
        }
        return user;
    }
}
