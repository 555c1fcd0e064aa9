package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.control.StaticKeyException;
import dev.culvert.vpn.control.TlsCryptV2Pem;
import dev.culvert.vpn.session.SessionTimers;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code auth-gen-token [LIFETIME] [RENEWAL]} and {@code auth-gen-token-secret FILE} (options.c,
 * auth_token.c): a server gives each client whose password was accepted a session token, which
 * renegotiations and reconnects use instead. The token is good for twice RENEWAL (2.6's default:
 * reneg-sec; at least twice hand-window) after it was made, and the session for LIFETIME seconds
 * (0: no limit). Without a
 * secret file each start makes a new key, so tokens do not outlive the process, as in 2.6.
 * 2.6's {@code external-auth} flag (the authenticator sees tokens too) is refused: not implemented.
 *
 * @param lifetimeSeconds the session's lifetime, 0 for none
 * @param renewalSeconds  how often a token is renewed
 * @param hmacKey         the 32 bytes that sign tokens (the HMAC half of 2.6's key file, or random)
 */
public record AuthTokenConfig(long lifetimeSeconds, long renewalSeconds, byte[] hmacKey) {
    static final String NAME = "auth-gen-token";
    static final String SECRET = "auth-gen-token-secret";
    /** The PEM label of 2.6's {@code --genkey auth-token} file. */
    static final String PEM_LABEL = "OpenVPN auth-token server key";
    private static final String USAGE = "auth-gen-token [LIFETIME] [RENEWAL], e.g. auth-gen-token 86400";
    private static final String KEY_FIX = "make one with 'openvpn --genkey auth-token FILE'";
    /** 2.6's struct key: 64 bytes of cipher key, then 64 of HMAC key, of which SHA256 uses 32. */
    private static final int KEY_FILE_BYTES = 128;
    private static final int HMAC_OFFSET = 64;
    private static final int HMAC_BYTES = 32;

    static Optional<AuthTokenConfig> from(Config config) throws ConfigException {
        Optional<Directive> line = config.last(NAME);
        Optional<Directive> secret = config.last(SECRET);
        if (line.isEmpty()) {
            if (secret.isPresent()) {
                throw new ConfigException(secret.get(), "'" + SECRET + "' without 'auth-gen-token'", "add 'auth-gen-token', or remove this line");
            }
            return Optional.empty();
        }
        Directive d = line.get();
        check(d);
        long lifetime = d.args().isEmpty() ? 0 : VpnDirectives.seconds(d, d.args().get(0));
        long renewal = d.args().size() > 1 ? VpnDirectives.seconds(d, d.args().get(1))
                : SecurityConfig.seconds(config, "reneg-sec", SessionTimers.DEFAULT_RENEG_SECONDS);
        int handWindow = SecurityConfig.seconds(config, "hand-window", SessionTimers.DEFAULT_HAND_WINDOW_SECONDS);
        if (renewal < 2L * handWindow) {
            // options.c's rule: a renewal must outlast two handshakes.
            throw new ConfigException(d, "--auth-gen-token renewal time needs to be at least two times --hand-window (" + handWindow + ")",
                    "give a renewal of at least " + 2 * handWindow + " s: auth-gen-token LIFETIME RENEWAL"
                            + (d.args().size() > 1 ? "" : " (without one, it is reneg-sec)"));
        }
        byte[] key = new byte[HMAC_BYTES];
        if (secret.isPresent()) {
            Directive s = secret.get();
            s.expectArgs(1, 1, SECRET + " FILE");
            byte[] file;
            try {
                file = TlsCryptV2Pem.read(s.resolve(s.args().get(0)), PEM_LABEL, KEY_FIX);
            } catch (StaticKeyException e) {
                throw new ConfigException(s, e.getMessage(), KEY_FIX);
            }
            try {
                if (file.length < KEY_FILE_BYTES) {
                    throw new ConfigException(s, "the auth-token key holds " + file.length + " bytes, fewer than " + KEY_FILE_BYTES, KEY_FIX);
                }
                System.arraycopy(file, HMAC_OFFSET, key, 0, HMAC_BYTES);
            } finally {
                Arrays.fill(file, (byte) 0);
            }
        } else {
            new SecureRandom().nextBytes(key);
        }
        return Optional.of(new AuthTokenConfig(lifetime, renewal, key));
    }

    /** Checks one line alone, for {@code --check}'s per-line pass. */
    static void check(Directive d) throws ConfigException {
        if (d.name().equals(SECRET)) {
            d.expectArgs(1, 1, SECRET + " FILE");
            return;
        }
        d.expectArgs(0, 3, USAGE);
        if (d.args().contains("external-auth")) {
            throw new ConfigException(d, "auth-gen-token's 'external-auth' (the authenticator is asked about tokens too) is not"
                    + " implemented", "remove 'external-auth': a valid token then lets the client in by itself, as 2.6 does without it");
        }
        if (d.args().size() > 2) {
            throw new ConfigException(d, "unknown auth-gen-token flag '" + d.args().get(2) + "'", "write " + USAGE);
        }
        for (String a : d.args()) {
            VpnDirectives.seconds(d, a);
        }
    }

    @Override
    public String toString() {
        return "AuthTokenConfig[lifetime " + lifetimeSeconds + " s, renewal " + renewalSeconds + " s, key withheld]";
    }
}
