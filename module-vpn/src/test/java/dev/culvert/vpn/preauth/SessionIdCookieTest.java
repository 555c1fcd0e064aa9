package dev.culvert.vpn.preauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SessionIdCookieTest {
    private static final long T0 = 1_700_000_010L;
    private static final long SID = 0x1122_3344_5566_7788L;
    private static final InetSocketAddress CLIENT = new InetSocketAddress(v4(192, 0, 2, 7), 50_000);

    private static InetAddress v4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theSameClientInTheSameSlotGetsTheSameCookie() {
        try (SessionIdCookie cookie = new SessionIdCookie(new SecureRandom(), 60)) {
            long c = cookie.compute(T0, CLIENT, SID);
            assertNotEquals(0, c);
            assertEquals(c, cookie.compute(T0, new InetSocketAddress(v4(192, 0, 2, 7), 50_000), SID));
            long slotStart = Math.floorDiv(T0, 30) * 30;
            assertEquals(c, cookie.compute(slotStart + 29, CLIENT, SID), "slots are (60 + 1) / 2 = 30 s");
            assertNotEquals(c, cookie.compute(slotStart + 30, CLIENT, SID));
        }
    }

    @Test
    void addressPortAndSessionIdAllEnterTheCookie() throws Exception {
        try (SessionIdCookie cookie = new SessionIdCookie(new SecureRandom(), 60)) {
            long c = cookie.compute(T0, CLIENT, SID);
            assertNotEquals(c, cookie.compute(T0, new InetSocketAddress(v4(192, 0, 2, 8), 50_000), SID));
            assertNotEquals(c, cookie.compute(T0, new InetSocketAddress(v4(192, 0, 2, 7), 50_001), SID));
            assertNotEquals(c, cookie.compute(T0, CLIENT, SID + 1));
            InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 50_000);
            assertNotEquals(c, cookie.compute(T0, v6, SID));
            assertTrue(cookie.verify(cookie.compute(T0, v6, SID), T0, v6, SID));
        }
    }

    @Test
    void eachProcessKeyMakesOtherCookies() {
        try (SessionIdCookie a = new SessionIdCookie(new SecureRandom(), 60);
             SessionIdCookie b = new SessionIdCookie(new SecureRandom(), 60)) {
            assertNotEquals(a.compute(T0, CLIENT, SID), b.compute(T0, CLIENT, SID));
            assertFalse(b.verify(a.compute(T0, CLIENT, SID), T0, CLIENT, SID));
        }
    }

    @Test
    void slotOffsetsFromTwoBeforeToOneAfterAreAcceptedAndNoOthers() {
        try (SessionIdCookie cookie = new SessionIdCookie(new SecureRandom(), 60)) {
            long slot = cookie.slotSeconds();
            long made = cookie.compute(T0, CLIENT, SID);
            // Checked d slots later, the cookie's slot is at offset -d from now.
            for (int later = -1; later <= 2; later++) {
                assertTrue(cookie.verify(made, T0 + later * slot, CLIENT, SID), "offset " + -later);
                assertEquals(-later, cookie.matchingSlotOffset(made, T0 + later * slot, CLIENT, SID));
            }
            assertFalse(cookie.verify(made, T0 + 3 * slot, CLIENT, SID), "offset -3");
            assertEquals(SessionIdCookie.EXPIRED_OFFSET, cookie.matchingSlotOffset(made, T0 + 3 * slot, CLIENT, SID));
            assertFalse(cookie.verify(made, T0 - 2 * slot, CLIENT, SID), "offset +2");
            assertEquals(SessionIdCookie.NO_MATCH, cookie.matchingSlotOffset(made, T0 - 2 * slot, CLIENT, SID));
            assertFalse(cookie.verify(made, T0 + 4 * slot, CLIENT, SID), "offset -4");
        }
    }

    @Test
    void theSlotLengthIsHalfTheHandWindowAndNeverZero() {
        assertEquals(30, new SessionIdCookie(new SecureRandom(), 60).slotSeconds());
        assertEquals(1, new SessionIdCookie(new SecureRandom(), 1).slotSeconds());
        SessionIdCookie zero = new SessionIdCookie(new SecureRandom(), 0);
        assertEquals(1, zero.slotSeconds());
        assertTrue(zero.verify(zero.compute(T0, CLIENT, SID), T0, CLIENT, SID));
        assertThrows(IllegalArgumentException.class, () -> new SessionIdCookie(new SecureRandom(), -1));
    }

    @Test
    void anUnresolvedOrMissingAddressHasNoCookie() {
        try (SessionIdCookie cookie = new SessionIdCookie(new SecureRandom(), 60)) {
            InetSocketAddress unresolved = InetSocketAddress.createUnresolved("client.example", 1194);
            assertThrows(IllegalArgumentException.class, () -> cookie.compute(T0, unresolved, SID));
            assertFalse(cookie.verify(1, T0, unresolved, SID));
            assertFalse(cookie.verify(1, T0, null, SID));
        }
    }

    @Test
    void closingWipesTheKeySoNothingVerifiesAfter() {
        SessionIdCookie cookie = new SessionIdCookie(new SecureRandom(), 60);
        long c = cookie.compute(T0, CLIENT, SID);
        cookie.close();
        assertFalse(cookie.verify(c, T0, CLIENT, SID));
        assertThrows(IllegalStateException.class, () -> cookie.compute(T0, CLIENT, SID));
        assertFalse(cookie.toString().matches(".*[0-9a-f]{16}.*"), "the key is never printed: " + cookie);
    }

    @Test
    void threadsSharingOneCookieAgree() throws Exception {
        try (SessionIdCookie cookie = new SessionIdCookie(new SecureRandom(), 60)) {
            long[] expected = new long[1000];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = cookie.compute(T0, new InetSocketAddress(v4(10, 0, i >> 8, i), 1000 + i), SID + i);
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    results.add(pool.submit(() -> {
                        int ok = 0;
                        for (int round = 0; round < 20; round++) {
                            for (int i = 0; i < expected.length; i++) {
                                InetSocketAddress a = new InetSocketAddress(v4(10, 0, i >> 8, i), 1000 + i);
                                if (cookie.compute(T0, a, SID + i) == expected[i] && cookie.verify(expected[i], T0, a, SID + i)) {
                                    ok++;
                                }
                            }
                        }
                        return ok;
                    }));
                }
                for (Future<Integer> f : results) {
                    assertEquals(20 * expected.length, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
