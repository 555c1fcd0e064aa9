package dev.culvert.vpn.token;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A server's {@code auth-gen-token}: it checks a token a client sends in place of its password
 * (verify_auth_token: the HMAC for that username, this token made no more than twice the renewal
 * time ago, and the session no older than the lifetime, when one is set), and makes the next
 * token of a session. A token that checks lets the client in without the authenticator, as in
 * 2.6; one that does not is a refusal.
 */
public final class SessionTokens implements AutoCloseable {
    /** What a token check found. */
    public record Check(boolean valid, AuthToken token, String why) {
    }

    private final byte[] hmacKey;
    private final long lifetimeSeconds;
    private final long renewalSeconds;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param hmacKey         the 32 bytes that sign tokens, copied; wiped on {@link #close}
     * @param lifetimeSeconds how long a session's tokens are good for from its first one, 0 for ever
     * @param renewalSeconds  how often a token is renewed (2.6: reneg-sec unless given); one is good for twice that
     * @param clock           epoch seconds
     */
    public SessionTokens(byte[] hmacKey, long lifetimeSeconds, long renewalSeconds, LongSupplier clock) {
        if (hmacKey.length != AuthToken.HMAC_LENGTH) {
            throw new IllegalArgumentException("an auth-token key is " + AuthToken.HMAC_LENGTH + " bytes");
        }
        this.hmacKey = hmacKey.clone();
        this.lifetimeSeconds = lifetimeSeconds;
        this.renewalSeconds = renewalSeconds;
        this.clock = clock;
    }

    /** Checks {@code password} as a token of {@code username}. */
    public Check check(String username, String password) {
        AuthToken.Read read = AuthToken.read(password, username, hmacKey);
        if (read instanceof AuthToken.Refused r) {
            return new Check(false, null, r.why());
        }
        AuthToken token = ((AuthToken.Signed) read).token();
        long now = clock.getAsLong();
        if (now < token.timestamp() || now >= token.timestamp() + 2 * renewalSeconds) {
            return new Check(false, token, "the auth-token's timestamp (" + token.timestamp() + ") is out of the renewal window");
        }
        if (token.timestamp() < token.initialTimestamp()) {
            return new Check(false, token, "the auth-token's first timestamp is later than its own");
        }
        if (lifetimeSeconds > 0 && now > token.initialTimestamp() + lifetimeSeconds) {
            return new Check(false, token, "the auth-token's session is older than its lifetime (" + lifetimeSeconds + " s)");
        }
        return new Check(true, token, "auth-token valid");
    }

    /** The next token of the session {@code basis} began (a new session's first when null), for {@code username}. */
    public String renew(String username, AuthToken basis) {
        long now = clock.getAsLong();
        AuthToken next;
        if (basis == null) {
            byte[] sid = new byte[AuthToken.SESSION_ID_LENGTH];
            random.nextBytes(sid);
            next = new AuthToken(sid, now, now);
        } else {
            next = new AuthToken(basis.sessionId(), basis.initialTimestamp(), now);
        }
        return next.write(username, hmacKey);
    }

    /** The token {@code text} says, for a session to renew from; null if it is not one of this server's for {@code username}. */
    public AuthToken session(String text, String username) {
        return AuthToken.read(text, username, hmacKey) instanceof AuthToken.Signed s ? s.token() : null;
    }

    @Override
    public void close() {
        Arrays.fill(hmacKey, (byte) 0);
    }
}
