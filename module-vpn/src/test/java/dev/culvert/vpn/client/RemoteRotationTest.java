package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.vpn.config.ConnectionList;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which server a client tries next and how long it waits first, as 2.6's connection list does. */
class RemoteRotationTest {
    private static RemoteRotation rotation(String lines) throws Exception {
        return new RemoteRotation(ConnectionList.from(Config.of("client\n" + lines, "c.conf"), new Random(1)));
    }

    private static InetSocketAddress at(String host) {
        return InetSocketAddress.createUnresolved(host, 1194);
    }

    @Test
    void failedAttemptsGoRoundTheListInOrder() throws Exception {
        RemoteRotation r = rotation("remote a\nremote b\nremote c\n");
        assertEquals("a", r.current().host());
        assertEquals("b", r.advance().host());
        assertEquals("c", r.advance().host());
        assertEquals("a", r.advance().host(), "after the last, the first again");
        assertEquals(3, r.unsuccessful());
    }

    @Test
    void everyAddressOfANameIsTriedBeforeTheNextServerAndANewTurnResolvesAgain() throws Exception {
        RemoteRotation r = rotation("remote multi\nremote other\n");
        assertTrue(r.needsAddresses());
        r.resolved(List.of(at("10.0.0.1"), at("10.0.0.2")));
        assertEquals(at("10.0.0.1"), r.address());
        assertEquals("multi", r.advance().host());
        assertEquals(at("10.0.0.2"), r.address());
        assertEquals(0, r.unsuccessful(), "the next address of the same server is not another failed server");
        assertEquals("other", r.advance().host());
        assertTrue(r.needsAddresses(), "its name is resolved when its turn comes");
        r.resolved(List.of(at("10.0.0.3")));
        assertEquals("multi", r.advance().host());
        assertTrue(r.needsAddresses(), "a name is resolved again at each turn: a changed DNS record is seen");
    }

    @Test
    void aTunnelThatCameUpIsRetriedOnceOnTheSameServerWithTheCountCleared() throws Exception {
        RemoteRotation r = rotation("remote a\nremote b\n");
        r.advance();
        r.resolved(List.of(at("10.0.0.2")));
        r.connected();
        assertEquals(0, r.unsuccessful());
        assertEquals("b", r.advance().host(), "the first restart stays with the server that worked");
        assertTrue(r.needsAddresses(), "and resolves its name again");
        assertEquals("a", r.advance().host(), "a second failure moves on");
    }

    @Test
    void thePauseIsConnectRetryThenDoublesAfterFiveRoundsUpToItsMaximum() throws Exception {
        RemoteRotation r = rotation("remote a\nremote b\nconnect-retry 2 20\n");
        int[] pauses = new int[16];
        for (int i = 0; i < pauses.length; i++) {
            pauses[i] = r.pauseSeconds(false);
            r.advance();
        }
        // 2 servers: attempts 1..9 are rounds 0..4 (no back-off); 10..11 round 5 doubles once, then twice, ...
        assertEquals(List.of(2, 2, 2, 2, 2, 2, 2, 2, 2, 4, 4, 8, 8, 16, 16, 20),
                java.util.Arrays.stream(pauses).boxed().toList());
        assertEquals(0, r.pauseSeconds(true), "a server-poll timeout goes on at once");
    }

    @Test
    void connectRetryMaxGivesUpOnceEveryServerFailedThatOften() throws Exception {
        RemoteRotation r = rotation("remote a\nremote b\nconnect-retry-max 2\n");
        for (int failures = 1; failures <= 3; failures++) {
            r.advance();
            assertFalse(r.exhausted(), "after " + failures + " failures of 4 allowed");
        }
        r.advance();
        assertTrue(r.exhausted(), "each of the two servers failed twice");
        RemoteRotation forever = rotation("remote a\n");
        for (int i = 0; i < 1_000; i++) {
            forever.advance();
        }
        assertFalse(forever.exhausted(), "without connect-retry-max a client never gives up");
    }
}
