package dev.culvert.vpn.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** auth_token.c's token and its checks. */
class AuthTokenTest {
    private static final byte[] KEY = range(32);
    private static final byte[] SID = range(12);
    /** Made independently with Python's hmac and base64 modules from the layout of auth_token.c's generate_auth_token. */
    private static final String VECTOR = "SESS_ID_AT_AAECAwQFBgcICQoLAAAAAGVT8QAAAAAAZVPzWB0BOx6XLdMsXiKr+u+joUQLn+ZXDYbaDUGwVo82WrRa";

    private static byte[] range(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void aTokenIsWrittenAs26WritesIt() {
        assertEquals(VECTOR, new AuthToken(SID, 1_700_000_000L, 1_700_000_600L).write("alice", KEY));
        AuthToken.Signed read = assertInstanceOf(AuthToken.Signed.class, AuthToken.read(VECTOR, "alice", KEY));
        assertArrayEquals(SID, read.token().sessionId());
        assertEquals(1_700_000_000L, read.token().initialTimestamp());
        assertEquals(1_700_000_600L, read.token().timestamp());
    }

    @Test
    void anotherUserAnotherKeyOrABrokenTokenIsRefused() {
        assertInstanceOf(AuthToken.Refused.class, AuthToken.read(VECTOR, "bob", KEY));
        assertInstanceOf(AuthToken.Refused.class, AuthToken.read(VECTOR, "alice", new byte[32]));
        assertInstanceOf(AuthToken.Refused.class, AuthToken.read(VECTOR.substring(0, VECTOR.length() - 4), "alice", KEY));
        assertInstanceOf(AuthToken.Refused.class, AuthToken.read(AuthToken.PREFIX + "!!!", "alice", KEY));
        assertInstanceOf(AuthToken.Refused.class, AuthToken.read("wonderland", "alice", KEY));
        assertInstanceOf(AuthToken.Refused.class, AuthToken.read(VECTOR + "AAAA".repeat(100), "alice", KEY));
        char[] flipped = VECTOR.toCharArray();
        flipped[20] = flipped[20] == 'A' ? 'B' : 'A';
        assertInstanceOf(AuthToken.Refused.class, AuthToken.read(new String(flipped), "alice", KEY));
    }

    @Test
    void aTokenIsGoodForTwiceTheRenewalTimeAndTheSessionForItsLifetime() {
        AtomicLong now = new AtomicLong(1_700_000_600L);
        SessionTokens tokens = new SessionTokens(KEY, 3600, 300, now::get);
        assertTrue(tokens.check("alice", VECTOR).valid());
        now.set(1_700_000_600L + 599);
        assertTrue(tokens.check("alice", VECTOR).valid());
        now.set(1_700_000_600L + 600);
        assertFalse(tokens.check("alice", VECTOR).valid(), "two renewal times after it was made");
        now.set(1_700_000_599L);
        assertFalse(tokens.check("alice", VECTOR).valid(), "made in the future");
        SessionTokens shortLived = new SessionTokens(KEY, 500, 300, () -> 1_700_000_601L);
        SessionTokens.Check old = shortLived.check("alice", VECTOR);
        assertFalse(old.valid(), "the session began 601 s ago, its lifetime is 500");
        assertTrue(old.why().contains("lifetime"), old.why());
    }

    @Test
    void aRenewalKeepsTheSessionAndANewSessionGetsItsOwn() {
        AtomicLong now = new AtomicLong(1_700_001_000L);
        SessionTokens tokens = new SessionTokens(KEY, 0, 300, now::get);
        AuthToken session = tokens.session(VECTOR, "alice");
        String renewed = tokens.renew("alice", session);
        AuthToken next = tokens.session(renewed, "alice");
        assertArrayEquals(SID, next.sessionId());
        assertEquals(1_700_000_000L, next.initialTimestamp(), "the session's first time stays");
        assertEquals(1_700_001_000L, next.timestamp());
        assertTrue(tokens.check("alice", renewed).valid());
        AuthToken fresh = tokens.session(tokens.renew("bob", null), "bob");
        assertFalse(java.util.Arrays.equals(SID, fresh.sessionId()));
        assertEquals(fresh.initialTimestamp(), fresh.timestamp());
    }
}
