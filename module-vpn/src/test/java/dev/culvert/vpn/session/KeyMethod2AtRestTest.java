package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.keys.DataCipher;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A key state lets go of both key-method-2 messages once its key is derived (their secrets wiped
 * first): a connected session does not carry the peer's options and peer-info texts for the
 * key's life. What came after a message still reads as control messages, not as a second one.
 */
class KeyMethod2AtRestTest {
    private static final byte[] INSIDE = {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 8, 0, 2, 10, 8, 0, 1};

    @Test
    void aConnectedPairHoldsNoKeyMethod2MessageBeforeOrAfterARenegotiation() throws Exception {
        SessionPair pair = new SessionPair(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), 5, 0);
        pair.client.start(pair.now);
        pair.run(3_000);
        assertEquals(VpnSession.State.CONNECTED, pair.server.state());
        assertEquals(VpnSession.State.CONNECTED, pair.client.state());
        assertEquals(0, pair.server.keyStatesHoldingKeyMethod2(), "the server's key 0, derived");
        assertEquals(0, pair.client.keyStatesHoldingKeyMethod2(), "the client's key 0, derived after the PUSH_REPLY");

        pair.run(4_000); // past reneg-sec 5: key 1 negotiated, its messages read and let go as well
        assertEquals(1, pair.server.primaryKeyId());
        assertEquals(1, pair.client.primaryKeyId());
        assertEquals(0, pair.server.keyStatesHoldingKeyMethod2());
        assertEquals(0, pair.client.keyStatesHoldingKeyMethod2());
        assertArrayEquals(INSIDE, pair.serverOpens(pair.clientSeals(INSIDE)));
    }

    @Test
    void whileTheHandshakeRunsTheMessagesAreHeldUntilTheKeyIsDerived() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        boolean seenHolding = false;
        for (int step = 0; step < 200 && pair.client.state() != VpnSession.State.CONNECTED; step++) {
            pair.stepOnePacketEachWay();
            seenHolding |= pair.client.keyStatesHoldingKeyMethod2() > 0;
        }
        assertTrue(seenHolding, "the client held the server's message until the PUSH_REPLY chose the cipher");
        assertEquals(VpnSession.State.CONNECTED, pair.client.state());
        assertEquals(0, pair.client.keyStatesHoldingKeyMethod2());
    }
}
