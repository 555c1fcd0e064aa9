package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A server whose runtime is still settling the client (a connect hook runs) holds its
 * PUSH_REQUEST, as 2.6 defers one, and answers it once the runtime can; its client, kept waiting a
 * second, is awaiting its configuration.
 */
class DeferredPushTest {
    @Test
    void aPushRequestWithNoReplyYetIsHeldAndAnsweredLater() throws Exception {
        SessionPair pair = new SessionPair();
        pair.pushExtra.add("route 10.9.0.0 255.255.0.0");
        pair.pushHeld = true;
        pair.client.start(pair.now);
        pair.run(8_000);
        assertEquals(1, pair.serverOut.eventsOf(SessionEvent.Connected.class).size(), "the server has its keys");
        assertTrue(pair.clientOut.eventsOf(SessionEvent.Connected.class).isEmpty(), "no PUSH_REPLY yet, however often it asks");
        assertTrue(pair.clientOut.eventsOf(SessionEvent.Failed.class).isEmpty(), () -> "the client is not refused: " + pair.clientOut.events);
        pair.pushHeld = false;
        assertTrue(pair.server.pushIfClientAllows(pair.now));
        pair.run(500);
        SessionEvent.Connected c = pair.clientOut.eventsOf(SessionEvent.Connected.class).get(0);
        assertTrue(c.pushReply().toString().contains("1 routes"), "the route the runtime added: " + c.pushReply());
        assertFalse(pair.server.pushIfClientAllows(pair.now), "once only");
    }

    @Test
    void aClientWaitingASecondForItsPushReplyIsAwaitingConfigAsA26ClientSaysGetConfig() throws Exception {
        SessionPair pair = new SessionPair();
        pair.pushHeld = true;
        pair.client.start(pair.now);
        for (int i = 0; i < 300 && pair.serverOut.eventsOf(SessionEvent.Connected.class).isEmpty(); i++) {
            pair.run(10);
        }
        assertEquals(1, pair.serverOut.eventsOf(SessionEvent.Connected.class).size(), "the server has its keys");
        pair.run(20);
        assertFalse(pair.client.awaitingConfig(pair.now), "just after the keys: a reply may still come at once");
        pair.run(900);
        assertFalse(pair.client.awaitingConfig(pair.now), "not before a second");
        pair.run(200);
        assertTrue(pair.client.awaitingConfig(pair.now), "a second without PUSH_REPLY");
        pair.pushHeld = false;
        assertTrue(pair.server.pushIfClientAllows(pair.now));
        pair.run(500);
        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Connected.class).size());
        assertFalse(pair.client.awaitingConfig(pair.now), "connected");
    }

    @Test
    void aClientPushedAtOnceIsNeverAwaitingConfig() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        for (int i = 0; i < 300; i++) {
            pair.run(10);
            assertFalse(pair.client.awaitingConfig(pair.now), "at " + i * 10 + " ms");
        }
        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Connected.class).size());
    }
}
