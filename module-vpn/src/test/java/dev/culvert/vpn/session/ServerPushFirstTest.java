package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A server pushes to a client that announced IV_PROTO_REQUEST_PUSH as soon as it has its keys,
 * as 2.6 does, instead of waiting for the client's PUSH_REQUEST timer; a PUSH_REQUEST already on
 * its way is not answered a second time.
 */
class ServerPushFirstTest {
    /** Runs in 1 ms steps until the server reports its keys (the client's first PUSH_REQUEST is then still ahead). */
    private static void runUntilServerConnected(SessionPair pair) {
        for (int i = 0; i < 5_000 && pair.serverOut.eventsOf(SessionEvent.Connected.class).isEmpty(); i++) {
            pair.now += SessionPair.MS;
            pair.client.tick(pair.now);
            pair.server.tick(pair.now);
            for (byte[] b; (b = pair.clientOut.toPeer.poll()) != null; ) {
                pair.server.receive(b, 0, b.length, pair.now);
            }
            for (byte[] b; (b = pair.serverOut.toPeer.poll()) != null; ) {
                pair.client.receive(b, 0, b.length, pair.now);
            }
        }
        assertEquals(1, pair.serverOut.eventsOf(SessionEvent.Connected.class).size());
    }

    @Test
    void theServerPushesOnceWithoutWaitingAndIgnoresTheRequestAlreadyOnItsWay() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        runUntilServerConnected(pair);

        assertTrue(pair.server.pushIfClientAllows(pair.now), "Culvert's client announces IV_PROTO_REQUEST_PUSH");
        assertFalse(pair.server.pushIfClientAllows(pair.now), "one PUSH_REPLY per session");
        pair.run(2_000);

        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Connected.class).size());
        assertTrue(pair.server.drops().get(SessionDrops.PUSH_REQUEST_REPEATED) <= 1,
                "at most the one request sent before the reply arrived is left unanswered");
    }

    @Test
    void withoutAPushFirstTheClientsRequestIsAnsweredAsBefore() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        pair.run(3_000);
        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Connected.class).size());
        assertEquals(0, pair.server.drops().get(SessionDrops.PUSH_REQUEST_REPEATED));
        assertFalse(pair.server.pushIfClientAllows(pair.now), "already pushed on request");
    }
}
