package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.core.packet.Packet;
import dev.culvert.spi.aead.AeadAlgorithm;
import java.util.List;

/**
 * Jazzer target for the session's incoming-bytes entry: arbitrary datagrams go to a client core
 * mid-handshake (its hard reset answered, TLS under way), to a connected one, and to a connected
 * one without control-channel wrapping (so the bytes reach the reliability layer), on the control
 * side and the data side. No exception may escape, none may be swallowed as an internal error,
 * and every packet goes back to the pool. A connected session must shrug the bytes off: after
 * them it is still connected and still carries traffic both ways, so garbage that tears a
 * session down (a denial of service) is a finding. Each input gets fresh sessions, so a finding
 * is the input's own and no input fuzzes a session an earlier one broke. A normal build runs it
 * over the kept corpus; {@code -Pfuzz} fuzzes it.
 */
class SessionFuzzTest {
    private static final byte[] INSIDE = {0x45, 0, 0, 8, 1, 2, 3, 4};

    @FuzzTest(maxDuration = "30s")
    void receive(byte[] datagram) throws Exception {
        SessionPair handshaking = new SessionPair();
        handshaking.client.start(handshaking.now);
        handshaking.run(20);
        List<AeadAlgorithm> aes = List.of(AeadAlgorithm.AES_256_GCM);
        SessionPair connected = connect(new SessionPair());
        SessionPair unwrapped = connect(new SessionPair(aes, aes, 0, 0, true));

        for (SessionPair pair : new SessionPair[] {handshaking, connected, unwrapped}) {
            feed(pair, datagram);
            assertNoInternalError(pair);
            assertEquals(0, pair.pool.outstanding());
        }
        for (SessionPair pair : new SessionPair[] {connected, unwrapped}) {
            pair.run(100); // whatever the bytes made the client say reaches the server, and back
            assertNoInternalError(pair);
            assertEquals(VpnSession.State.CONNECTED, pair.client.state(), () -> "the input tore the session down: " + pair.clientOut.events);
            assertCarriesTraffic(pair);
            assertEquals(0, pair.pool.outstanding());
        }
    }

    private static SessionPair connect(SessionPair pair) {
        pair.client.start(pair.now);
        pair.run(3_000);
        assertEquals(VpnSession.State.CONNECTED, pair.client.state(), () -> "events " + pair.clientOut.events);
        return pair;
    }

    private static void feed(SessionPair pair, byte[] datagram) {
        VpnSession client = pair.client;
        client.receive(datagram, 0, datagram.length, pair.now);
        Packet p = pair.pool.acquire();
        int n = Math.min(datagram.length, p.capacity() - p.offset() - 32);
        p.setContents(datagram, 0, n);
        client.dataPlane().open(p, pair.now);
        p.release();
        client.tick(pair.now);
    }

    private static void assertNoInternalError(SessionPair pair) {
        for (SessionEvent e : pair.clientOut.events) {
            assertTrue(!(e instanceof SessionEvent.Failed f) || !f.reason().startsWith("internal error"), e::toString);
        }
    }

    private static void assertCarriesTraffic(SessionPair pair) {
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
