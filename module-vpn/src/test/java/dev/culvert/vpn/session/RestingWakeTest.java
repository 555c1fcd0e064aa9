package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When a session asks to be ticked again. A connected session at rest sleeps until its next
 * deadline, never past it, so a server of 10,000 idle clients wakes each for its keepalive rather
 * than every second; anything under way keeps a session within a second.
 */
class RestingWakeTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = SessionPair.MS;

    @Test
    void aRestingSessionSleepsUntilItsPingIsDueAndNotPastIt() throws Exception {
        SessionPair pair = connected(0);
        long wake = pair.server.tick(pair.now);
        assertTrue(wake - pair.now > SECOND, "resting: more than the old one-second tick");
        assertTrue(wake - pair.now <= 10 * SECOND, "ping 10: no later than the ping");

        pair.serverOut.payloads.clear();
        pair.server.tick(wake - MS);
        assertFalse(pair.serverOut.payloads.contains(DataPlane.ControlPayload.PING), "not yet due a millisecond before");
        pair.server.tick(wake);
        assertTrue(pair.serverOut.payloads.contains(DataPlane.ControlPayload.PING), "due when it asked to be woken");
    }

    @Test
    void aRestingSessionWakesForItsRenegotiation() throws Exception {
        SessionPair pair = connected(5);
        long wake = pair.server.tick(pair.now);
        assertTrue(wake - pair.now > SECOND && wake - pair.now <= 5 * SECOND, "reneg-sec 5, before the ping at 10");
        pair.server.tick(wake - MS);
        assertFalse(pair.server.renegotiating(), "not yet due a millisecond before");
        pair.server.tick(wake);
        assertTrue(pair.server.renegotiating(), "the renegotiation starts at the wake it asked for");
        assertTrue(pair.server.tick(wake) - wake <= SECOND, "a negotiation under way ticks within a second");
    }

    @Test
    void aControlMessageInFlightKeepsTheSessionWithinASecond() throws Exception {
        SessionPair pair = connected(0);
        pair.server.tellPeer("INFO,hello", pair.now);
        assertTrue(pair.server.tick(pair.now) - pair.now <= SECOND, "its ACK, or its retransmission, is awaited");
        pair.run(500); // the client ACKs it
        assertTrue(pair.server.tick(pair.now) - pair.now > SECOND, "at rest again");
    }

    @Test
    void anOccExitWakesTheRuntimeFromTheDataSide() throws Exception {
        SessionPair pair = connected(0);
        AtomicInteger woken = new AtomicInteger();
        pair.server.dataPlane().whenPeerExits(woken::incrementAndGet);
        Packet p = pair.pool.acquire();
        try {
            assertEquals(null, pair.client.dataPlane().sealControlPayload(DataPlane.ControlPayload.OCC_EXIT, p, pair.now));
            assertEquals(DataPlane.Opened.CONSUMED, pair.server.dataPlane().open(p, pair.now));
        } finally {
            p.release();
        }
        assertEquals(1, woken.get());
        pair.server.tick(pair.now);
        assertEquals(1, pair.serverOut.eventsOf(SessionEvent.PeerExited.class).size());
    }

    private static SessionPair connected(int serverRenegSeconds) throws Exception {
        SessionPair pair = SessionPair.afterConnect(serverRenegSeconds);
        assertEquals(VpnSession.State.CONNECTED, pair.server.state());
        assertEquals(VpnSession.State.CONNECTED, pair.client.state());
        return pair;
    }
}
