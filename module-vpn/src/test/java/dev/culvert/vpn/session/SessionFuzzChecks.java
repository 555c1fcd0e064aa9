package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import java.util.List;

/** What the session fuzz targets do to a {@link SessionPair} and check of it, for either role. */
final class SessionFuzzChecks {
    private static final byte[] INSIDE = {0x45, 0, 0, 8, 1, 2, 3, 4};

    private SessionFuzzChecks() {
    }

    /** Starts the pair's client and runs until it is connected. */
    static SessionPair connect(SessionPair pair) {
        pair.client.start(pair.now);
        pair.run(3_000);
        assertEquals(VpnSession.State.CONNECTED, pair.client.state(), () -> "events " + pair.clientOut.events);
        return pair;
    }

    /** Hands {@code datagram} to {@code session} of the pair, as control bytes and as a data packet, then ticks it. */
    static void feed(SessionPair pair, VpnSession session, byte[] datagram) {
        session.receive(datagram, 0, datagram.length, pair.now);
        Packet p = pair.pool.acquire();
        int n = Math.min(datagram.length, p.capacity() - p.offset() - 32);
        p.setContents(datagram, 0, n);
        session.dataPlane().open(p, pair.now);
        p.release();
        session.tick(pair.now);
    }

    /** No event says the session swallowed an exception as an internal error. */
    static void assertNoInternalError(List<SessionEvent> events) {
        for (SessionEvent e : events) {
            assertTrue(!(e instanceof SessionEvent.Failed f) || !f.reason().startsWith("internal error"), e::toString);
        }
    }

    /** Each side still seals, and the other still opens what it sealed. */
    static void assertCarriesTraffic(SessionPair pair) {
        byte[] up = pair.clientSeals(INSIDE);
        assertTrue(up != null, "the client still seals");
        assertArrayEquals(INSIDE, pair.serverOpens(up), "the server still opens what the client sends");
        Packet p = pair.pool.acquire();
        try {
            p.setContents(INSIDE, 0, INSIDE.length);
            assertEquals(null, pair.server.dataPlane().seal(p, pair.now), "the server still seals");
            assertEquals(DataPlane.Opened.TUNNEL, pair.client.dataPlane().open(p, pair.now), "the client still opens what the server sends");
            assertArrayEquals(INSIDE, p.toByteArray());
        } finally {
            p.release();
        }
    }
}
