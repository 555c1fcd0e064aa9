package dev.culvert.vpn.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One auth-token as 2.6 writes it: {@code SESS_ID_AT_} and the base64 of a 12-byte session id, the
 * session's first timestamp and this token's timestamp (8 bytes each, big-endian seconds), and
 * HMAC-SHA256 over the username and those 28 bytes. The session id and the first timestamp stay
 * the same through every renewal of one session.
 *
 * @param sessionId        12 random bytes, the session's
 * @param initialTimestamp when the session's first token was made (epoch seconds)
 * @param timestamp        when this token was made (epoch seconds)
 */
public record AuthToken(byte[] sessionId, long initialTimestamp, long timestamp) {
    public static final String PREFIX = "SESS_ID_AT_";
    static final int SESSION_ID_LENGTH = 12;
    static final int HMAC_LENGTH = 32;
    static final int DATA_LENGTH = SESSION_ID_LENGTH + 16 + HMAC_LENGTH;
    /** The longest text that can be a token: anything longer is refused before it is decoded. */
    static final int MAX_TEXT = PREFIX.length() + 4 * ((DATA_LENGTH + 2) / 3);

    public AuthToken {
        if (sessionId.length != SESSION_ID_LENGTH) {
            throw new IllegalArgumentException("a session id is " + SESSION_ID_LENGTH + " bytes");
        }
        sessionId = sessionId.clone();
    }

    /** Whether a password looks like a token (2.6's is_auth_token). */
    public static boolean looksLikeOne(String password) {
        return password.startsWith(PREFIX);
    }

    /** The same for a password's bytes, which are compared in place: no String of a password is made. */
    public static boolean looksLikeOne(byte[] password) {
        byte[] prefix = PREFIX.getBytes(StandardCharsets.US_ASCII);
        return password.length >= prefix.length && Arrays.equals(password, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The token's text for {@code username}, signed with {@code hmacKey}. */
    public String write(String username, byte[] hmacKey) {
        ByteBuffer data = ByteBuffer.allocate(DATA_LENGTH);
        data.put(sessionId).putLong(initialTimestamp).putLong(timestamp);
        data.put(hmac(hmacKey, username, data.array(), DATA_LENGTH - HMAC_LENGTH));
        return PREFIX + Base64.getEncoder().encodeToString(data.array());
    }

    /** What a token's text says, once its HMAC over {@code username} checked; why not, otherwise. */
    public sealed interface Read {
    }

    /** The HMAC matched: the token is {@code token}; its times are not checked yet. */
    public record Signed(AuthToken token) implements Read {
    }

    /** Not a token of this key for this username, or not a token at all. */
    public record Refused(String why) implements Read {
    }

    /** Reads {@code text} and checks its HMAC for {@code username}, in constant time. */
    public static Read read(String text, String username, byte[] hmacKey) {
        if (!looksLikeOne(text) || text.length() > MAX_TEXT) {
            return new Refused("not an auth-token");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return new Refused("auth-token is not base64");
        }
        if (data.length != DATA_LENGTH) {
            return new Refused("auth-token wrong size (" + data.length + "!=" + DATA_LENGTH + ")");
        }
        byte[] expected = hmac(hmacKey, username, data, DATA_LENGTH - HMAC_LENGTH);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(data, DATA_LENGTH - HMAC_LENGTH, DATA_LENGTH))) {
            return new Refused("HMAC on token from client failed");
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        byte[] sid = new byte[SESSION_ID_LENGTH];
        in.get(sid);
        return new Signed(new AuthToken(sid, in.getLong(), in.getLong()));
    }

    private static byte[] hmac(byte[] key, String username, byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthToken t && Arrays.equals(sessionId, t.sessionId) && initialTimestamp == t.initialTimestamp
                && timestamp == t.timestamp;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sessionId) * 31 + Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return "AuthToken[session " + Base64.getEncoder().encodeToString(sessionId) + ", first " + initialTimestamp + ", made " + timestamp + "]";
    }
}
