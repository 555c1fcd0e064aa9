package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.wire.Opcode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A renegotiation loses no data packet (2.6's rule, openvpn.md §7): each side keeps sealing with
 * the old key until the peer is known to have the new one (it acknowledged this side's key-method-2
 * message, or a packet sealed with the new key opened here), opens with the new key as soon as it
 * is derived, and keeps opening with the old one as the lame duck.
 */
class LosslessKeySwitchTest {
    private static final long MS = SessionPair.MS;
    private static final byte[] INSIDE = {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 8, 0, 2, 10, 8, 0, 1};

    /** A connected pair whose server renegotiates every 5 s. */
    private static SessionPair connected() throws Exception {
        SessionPair pair = new SessionPair(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), 5, 0);
        pair.client.start(pair.now);
        pair.run(3_000);
        assertEquals(VpnSession.State.CONNECTED, pair.server.state());
        return pair;
    }

    @Test
    void atEveryStepOfARenegotiationEachSideOpensWhatTheOtherSealsNow() throws Exception {
        SessionPair pair = connected();
        int steps = 0;
        while (pair.server.primaryKeyId() != 1 || pair.client.primaryKeyId() != 1) {
            assertTrue(steps++ < 5_000, "the renegotiation did not finish within 5,000 steps");
            pair.client.tick(pair.now);
            pair.server.tick(pair.now);
            boolean moved = false;
            if (pair.deliverOne(pair.clientOut, pair.server)) {
                moved = true;
                assertEachOpensWhatTheOtherSeals(pair, "after a packet to the server, step " + steps);
            }
            if (pair.deliverOne(pair.serverOut, pair.client)) {
                moved = true;
                assertEachOpensWhatTheOtherSeals(pair, "after a packet to the client, step " + steps);
            }
            if (!moved) {
                pair.now += 10 * MS;
            }
        }
        assertEquals(1, pair.serverOut.eventsOf(SessionEvent.Renegotiated.class).size());
        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Renegotiated.class).size());
    }

    private static void assertEachOpensWhatTheOtherSeals(SessionPair pair, String when) {
        int serverSeals = pair.server.primaryKeyId();
        int clientSeals = pair.client.primaryKeyId();
        assertArrayEquals(INSIDE, pair.clientOpens(pair.serverSeals(INSIDE)), when + ": the client opens what the server seals with key " + serverSeals);
        assertArrayEquals(INSIDE, pair.serverOpens(pair.clientSeals(INSIDE)), when + ": the server opens what the client seals with key " + clientSeals);
    }

    @Test
    void withoutDataTheServersNewKeySealsOnceTheClientAcknowledgedItsKeyMethod2Message() throws Exception {
        SessionPair pair = connected();
        runUntilTheServerInstalledTheNewKey(pair);
        assertEquals(0, pair.server.primaryKeyId(), "the old key seals until the client has the new one");
        byte[] sealed = pair.serverSeals(INSIDE);
        assertEquals(0, sealed[0] & 0x07);
        pair.run(2_000);
        assertEquals(1, pair.server.primaryKeyId(), "the client's ACK of the server's key method 2 moved sealing to the new key");
        assertEquals(-1, pair.server.installedKeyId());
        assertEquals(1, pair.serverOut.eventsOf(SessionEvent.Renegotiated.class).size());
        assertArrayEquals(INSIDE, pair.clientOpens(sealed), "the client still opens the old key as the lame duck");
    }

    @Test
    void aPacketSealedWithTheNewKeyMovesSealingToItWhenTheAcknowledgementIsLost() throws Exception {
        SessionPair pair = connected();
        runUntilTheServerInstalledTheNewKey(pair);
        // The client's control packets to the server are lost from here on; the server's reach the client.
        for (int i = 0; i < 200 && pair.client.primaryKeyId() != 1; i++) {
            pair.client.tick(pair.now);
            pair.server.tick(pair.now);
            pair.clientOut.toPeer.clear();
            pair.deliverOne(pair.serverOut, pair.client);
            pair.now += 10 * MS;
        }
        assertEquals(1, pair.client.primaryKeyId(), "the client has the server's key method 2 and seals with the new key");
        pair.clientOut.toPeer.clear();
        pair.server.tick(pair.now);
        assertEquals(0, pair.server.primaryKeyId(), "without the ACK, the server still seals with the old key");
        byte[] fromClient = pair.clientSeals(INSIDE);
        assertEquals(1, fromClient[0] & 0x07);
        assertArrayEquals(INSIDE, pair.serverOpens(fromClient), "the installed key opens before it seals");
        pair.server.tick(pair.now);
        assertEquals(1, pair.server.primaryKeyId(), "a packet opened with the new key proves the client has it");
    }

    @Test
    void aRestartSentDuringTheRenegotiationGoesOnTheNewKeyStateAndReachesTheClient() throws Exception {
        SessionPair pair = connected();
        runUntilTheServerInstalledTheNewKey(pair);
        pair.serverOut.toPeer.clear();
        pair.server.tellPeer("RESTART", pair.now);
        byte[] restart = pair.serverOut.toPeer.peekLast();
        assertNotNull(restart);
        assertEquals(Opcode.CONTROL_V1.code(), (restart[0] & 0xff) >> 3);
        assertEquals(1, restart[0] & 0x07, "on the key state a 2.6 client reads control messages from: its newest");
        pair.run(2_000);
        assertTrue(pair.clientOut.eventsOf(SessionEvent.Restart.class).stream().anyMatch(r -> r.reason().contains("server sent RESTART")),
                pair.clientOut.events.toString());
    }

    /** Steps the pair until the server derived the renegotiated key (it opens with it) but still seals with the old one. */
    private static void runUntilTheServerInstalledTheNewKey(SessionPair pair) {
        for (int steps = 0; steps < 5_000; steps++) {
            if (!pair.stepOnePacketEachWay()) {
                pair.now += 10 * MS;
            }
            if (pair.server.installedKeyId() == 1) {
                return;
            }
        }
        throw new AssertionError("the server did not install a renegotiated key within 5,000 steps");
    }
}
