package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What a connected session holds between renegotiations. No TLS buffers: each key state's pump
 * lets its record buffers (about 80 KiB) go once its handshake is done and nothing waits in them,
 * and makes them again when the control channel speaks. No key-method-2 message: a key state lets
 * go of both (their secrets wiped first) once its key is derived, and what comes after still
 * reads as control messages, not as a second key-method-2 message.
 */
class SessionAtRestTest {
    private static final byte[] INSIDE = {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 8, 0, 2, 10, 8, 0, 1};

    @Test
    void aConnectedPairHoldsNoTlsBuffersNorKeyMethod2MessagesAndARenegotiationStillCompletes() throws Exception {
        SessionPair pair = SessionPair.afterConnect(5);
        assertEquals(VpnSession.State.CONNECTED, pair.server.state());
        assertEquals(VpnSession.State.CONNECTED, pair.client.state());
        assertEquals(0, pair.server.keyStatesHoldingTlsBuffers(), "the server's key 0 rests once connected");
        assertEquals(0, pair.client.keyStatesHoldingTlsBuffers(), "the client's key 0 rests once connected");
        assertEquals(0, pair.server.keyStatesHoldingKeyMethod2(), "the server's key 0, derived");
        assertEquals(0, pair.client.keyStatesHoldingKeyMethod2(), "the client's key 0, derived after the PUSH_REPLY");

        pair.run(4_000); // past reneg-sec 5: key 1 is negotiated through buffers made again
        assertEquals(1, pair.server.primaryKeyId());
        assertEquals(1, pair.client.primaryKeyId());
        assertEquals(1, pair.serverOut.eventsOf(SessionEvent.Renegotiated.class).size());
        assertEquals(0, pair.server.keyStatesHoldingTlsBuffers(), "key 1 rests, and key 0 with it");
        assertEquals(0, pair.client.keyStatesHoldingTlsBuffers());
        assertEquals(0, pair.server.keyStatesHoldingKeyMethod2(), "key 1's messages, read and let go");
        assertEquals(0, pair.client.keyStatesHoldingKeyMethod2());
        assertArrayEquals(INSIDE, pair.serverOpens(pair.clientSeals(INSIDE)));
        assertArrayEquals(INSIDE, pair.clientOpens(pair.serverSeals(INSIDE)));
    }

    @Test
    void whileTheHandshakeRunsThePumpHoldsItsBuffersAndTheClientTheServersMessage() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        boolean seenBuffers = false;
        boolean seenMessage = false;
        for (int step = 0; step < 200 && pair.client.state() != VpnSession.State.CONNECTED; step++) {
            pair.stepOnePacketEachWay();
            seenBuffers |= pair.server.keyStatesHoldingTlsBuffers() > 0;
            seenMessage |= pair.client.keyStatesHoldingKeyMethod2() > 0;
        }
        assertTrue(seenBuffers, "the handshake's records passed through held buffers");
        assertTrue(seenMessage, "the client held the server's message until the PUSH_REPLY chose the cipher");
        assertEquals(VpnSession.State.CONNECTED, pair.server.state());
        assertEquals(VpnSession.State.CONNECTED, pair.client.state());
        assertEquals(0, pair.client.keyStatesHoldingKeyMethod2());
    }
}
