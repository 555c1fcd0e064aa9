package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.control.ControlPlaintext;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.data.DataDrops;
import dev.culvert.vpn.keys.DataCipher;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.Opcode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The session core's behaviour, client and server cores back to back without loss. */
class VpnSessionTest {
    private static final long SECOND = 1_000_000_000L;
    private static final byte[] INSIDE = {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 8, 0, 2, 10, 8, 0, 1};

    @Test
    void theClientAcksTheServerResetOnMessageOneAsTheCookieServerNeeds() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        byte[] reset = pair.clientOut.toPeer.poll();
        assertNotNull(reset);
        ControlPacketView first = unwrapAtServer(reset);
        assertEquals(Opcode.CONTROL_HARD_RESET_CLIENT_V2, first.opcode());
        assertEquals(0, first.messageId());
        assertEquals(0, first.ackCount());
        pair.server.receive(reset, 0, reset.length, pair.now);
        byte[] serverReset = pair.serverOut.toPeer.poll();
        pair.client.receive(serverReset, 0, serverReset.length, pair.now);
        byte[] next = pair.clientOut.toPeer.poll();
        assertNotNull(next, "the client answers the server's reset at once");
        ControlPacketView hello = unwrapAtServer(next);
        assertEquals(Opcode.CONTROL_V1, hello.opcode());
        assertEquals(1, hello.messageId());
        assertEquals(1, hello.ackCount());
        assertEquals(0, hello.ack(0));
        assertEquals(pair.server.sessionId().value(), hello.peerSessionId());
    }

    private static ControlPacketView unwrapAtServer(byte[] wire) {
        // The pair's tls-crypt key is new Random(3); a server-side wrapper reads what the client sent.
        byte[] key = new byte[StaticKey.LENGTH];
        new Random(3).nextBytes(key);
        ControlPlaintext plain = new ControlPlaintext();
        try (TlsCrypt server = TlsCrypt.forServer(StaticKey.ofBytes(key), 1_700_000_000L)) {
            assertNull(server.unwrap(wire, 0, wire.length, 0, plain));
        }
        ControlPacketView view = new ControlPacketView();
        assertNull(view.wrap(plain.bytes().clone(), 0, plain.length()));
        return view;
    }

    @Test
    void bothSidesConnectAndCarryInsidePackets() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        pair.run(3_000);
        SessionEvent.Connected c = pair.clientOut.eventsOf(SessionEvent.Connected.class).get(0);
        assertEquals(DataCipher.AES_256_GCM, c.cipher());
        assertEquals("10.8.0.2", c.pushReply().ifconfig().localText());
        assertEquals(1, pair.serverOut.eventsOf(SessionEvent.Connected.class).size());
        byte[] wire = pair.clientSeals(INSIDE);
        assertEquals(0x48, wire[0] & 0xff, "P_DATA_V2 with key id 0 once a peer-id was pushed");
        assertArrayEquals(INSIDE, pair.serverOpens(wire));
        assertNull(pair.serverOpens(wire), "a replayed packet is refused");
        assertEquals(1, pair.server.drops().get(DataDrops.REPLAY));
    }

    @Test
    void theOldKeyStillOpensAfterAServerInitiatedRenegotiation() throws Exception {
        SessionPair pair = new SessionPair(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), 5, 0);
        pair.client.start(pair.now);
        pair.run(3_000);
        byte[] sealedWithOldKey = pair.clientSeals(INSIDE);
        pair.run(4_000);
        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Renegotiated.class).size());
        assertEquals(1, pair.client.primaryKeyId());
        assertArrayEquals(INSIDE, pair.serverOpens(sealedWithOldKey), "the lame duck key still opens");
        byte[] sealedWithNewKey = pair.clientSeals(INSIDE);
        assertEquals(1, sealedWithNewKey[0] & 0x07);
        assertArrayEquals(INSIDE, pair.serverOpens(sealedWithNewKey));
    }

    @Test
    void noSharedCipherEndsInAuthFailedAtTheClient() throws Exception {
        SessionPair pair = new SessionPair(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.CHACHA20_POLY1305), 0, 0);
        pair.client.start(pair.now);
        pair.run(3_000);
        SessionEvent.Failed f = pair.clientOut.eventsOf(SessionEvent.Failed.class).get(0);
        assertTrue(f.fatal());
        assertTrue(f.reason().startsWith("AUTH_FAILED") && f.reason().contains("no shared cipher"), f.reason());
        assertEquals(VpnSession.State.FAILED, pair.client.state());
    }

    @Test
    void anUnansweredClientRestartsAfterTheHandWindow() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        pair.client.tick(pair.now + 59 * SECOND);
        assertTrue(pair.clientOut.eventsOf(SessionEvent.Restart.class).isEmpty());
        pair.client.tick(pair.now + 60 * SECOND);
        assertTrue(pair.clientOut.eventsOf(SessionEvent.Restart.class).get(0).reason().contains("60 seconds"));
    }

    @Test
    void silenceFromTheServerTriggersPingRestart() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        pair.run(3_000);
        assertEquals(VpnSession.State.CONNECTED, pair.client.state());
        pair.client.tick(pair.now + 61 * SECOND);
        assertTrue(pair.clientOut.eventsOf(SessionEvent.Restart.class).get(0).reason().startsWith("ping-restart"));
        assertTrue(pair.clientOut.eventsOf(SessionEvent.Restart.class).get(0).peerSilent(), "marked, for ping-exit");
    }

    /** inactive counts as 2.6 does: data packets sent (on the wire) and inside packets received; pings neither way. */
    @Test
    void tunnelBytesCountSealedDataAndOpenedInsidePacketsButNoPings() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        pair.run(3_000);
        assertEquals(0, pair.client.dataPlane().tunnelBytes());
        byte[] wire = pair.clientSeals(INSIDE);
        assertEquals(wire.length, pair.client.dataPlane().tunnelBytes(), "the sealed packet, as sent");
        long before = pair.server.dataPlane().tunnelBytes();
        assertArrayEquals(INSIDE, pair.serverOpens(wire));
        assertEquals(before + INSIDE.length, pair.server.dataPlane().tunnelBytes(), "the inside packet, as written to the TUN");
        dev.culvert.core.packet.Packet ping = pair.pool.acquire();
        assertNull(pair.client.dataPlane().sealControlPayload(DataPlane.ControlPayload.PING, ping, pair.now));
        ping.release();
        assertEquals(wire.length, pair.client.dataPlane().tunnelBytes(), "a ping does not count");
    }

    @Test
    void keepalivePingsAreAskedOfTheDataSideWhenNothingWasSent() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        pair.run(3_000);
        pair.clientOut.payloads.clear();
        pair.client.tick(pair.now + 11 * SECOND);
        assertEquals(DataPlane.ControlPayload.PING, pair.clientOut.payloads.poll());
    }

    @Test
    void explicitExitNotifyReachesTheServerAsExit() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        pair.run(3_000);
        pair.client.close(pair.now);
        pair.run(100);
        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Closed.class).size());
        assertEquals("EXIT", pair.serverOut.eventsOf(SessionEvent.PeerExited.class).get(0).how());
        assertTrue(!pair.client.dataPlane().ready(), "no keys after close");
    }

    @Test
    void anExitDuringTheClientsRenegotiationGoesAsOccExitOnTheKeyThatStillSeals() throws Exception {
        SessionPair pair = new SessionPair(List.of(DataCipher.AES_256_GCM), List.of(DataCipher.AES_256_GCM), 5, 1);
        pair.client.start(pair.now);
        pair.run(3_000);
        assertTrue(pair.clientOut.eventsOf(SessionEvent.Connected.class).get(0).pushReply().ccExit());
        deliverUntilTheServerAsksForANewKey(pair);
        pair.client.close(pair.now);
        assertTrue(pair.clientOut.toPeer.stream().noneMatch(b -> !VpnSession.isDataPacket(b[0] & 0xff) && (b[0] & 0xff) >> 3 != Opcode.ACK_V1.code()),
                "no control message on a key 2.6 does not read its control messages from");
        assertEquals(VpnSession.State.EXITING, pair.client.state());
        assertEquals(DataPlane.ControlPayload.OCC_EXIT, pair.clientOut.payloads.peek());
        dev.culvert.core.packet.Packet p = pair.pool.acquire();
        assertNull(pair.client.dataPlane().sealControlPayload(pair.clientOut.payloads.poll(), p, pair.now));
        byte[] wire = p.toByteArray();
        p.release();
        assertNull(pair.serverOpens(wire), "OCC EXIT is consumed, not delivered");
        pair.server.tick(pair.now);
        assertEquals("OCC EXIT", pair.serverOut.eventsOf(SessionEvent.PeerExited.class).get(0).how());
    }

    /** Runs the pair until the server's soft reset for a new key has reached the client, which now negotiates. */
    private static void deliverUntilTheServerAsksForANewKey(SessionPair pair) {
        for (int step = 0; step < 1_000; step++) {
            pair.clientOut.toPeer.clear();
            pair.run(10);
            if (pair.clientOut.toPeer.stream().anyMatch(b -> (b[0] & 0xff) >> 3 == Opcode.CONTROL_SOFT_RESET_V1.code())) {
                pair.clientOut.toPeer.clear();
                return;
            }
        }
        throw new AssertionError("the server did not renegotiate within 10 s of reneg-sec 5");
    }

    @Test
    void aSoftResetForTheWrongKeyIdIsCountedNotObeyed() throws Exception {
        SessionPair pair = new SessionPair();
        pair.client.start(pair.now);
        pair.run(3_000);
        byte[] key = new byte[StaticKey.LENGTH];
        new Random(3).nextBytes(key);
        byte[] plain = dev.culvert.vpn.wire.ControlPacketWriter.toBytes(new dev.culvert.vpn.wire.ControlPacket(
                Opcode.CONTROL_SOFT_RESET_V1, 5, pair.server.sessionId(), new long[0], null, 0, new byte[0]));
        byte[] wire = new byte[plain.length + 64];
        int n;
        try (TlsCrypt server = TlsCrypt.forServer(StaticKey.ofBytes(key), 1_700_000_100L)) {
            n = server.wrap(plain, 0, plain.length, wire, 0);
        }
        assertEquals(SessionDrops.KEY_ID_OUT_OF_SYNC, pair.client.receive(wire, 0, n, pair.now));
        assertEquals(1, pair.client.drops().get(SessionDrops.KEY_ID_OUT_OF_SYNC));
        assertEquals(VpnSession.State.CONNECTED, pair.client.state());
    }

    @Test
    void withoutAPushedPeerIdDataGoesAsPDataV1() throws Exception {
        SessionPair pair = new SessionPair();
        pair.pushPeerId = false;
        pair.client.start(pair.now);
        pair.run(3_000);
        assertEquals(-1, pair.clientOut.eventsOf(SessionEvent.Connected.class).get(0).peerId());
        byte[] wire = pair.clientSeals(INSIDE);
        assertEquals(0x30, wire[0] & 0xff, "P_DATA_V1, key id 0");
        assertArrayEquals(INSIDE, pair.serverOpens(wire));
    }

    @Test
    void withoutCcExitExplicitExitNotifySendsOccExitOnTheDataChannel() throws Exception {
        SessionPair pair = new SessionPair();
        pair.pushProtocolFlags = false;
        pair.client.start(pair.now);
        pair.run(3_000);
        SessionEvent.Connected connected = pair.clientOut.eventsOf(SessionEvent.Connected.class).get(0);
        assertEquals("tls-ekm", connected.keyDerivation());
        assertTrue(!connected.pushReply().ccExit());
        pair.client.close(pair.now);
        assertEquals(VpnSession.State.EXITING, pair.client.state());
        assertEquals(DataPlane.ControlPayload.OCC_EXIT, pair.clientOut.payloads.peek());
        dev.culvert.core.packet.Packet p = pair.pool.acquire();
        assertNull(pair.client.dataPlane().sealControlPayload(pair.clientOut.payloads.poll(), p, pair.now));
        byte[] wire = p.toByteArray();
        p.release();
        assertNull(pair.serverOpens(wire), "OCC EXIT is consumed, not delivered");
        assertEquals(0, pair.server.drops().total(), () -> pair.server.drops().toString());
        pair.server.tick(pair.now);
        assertEquals("OCC EXIT", pair.serverOut.eventsOf(SessionEvent.PeerExited.class).get(0).how());
        pair.client.tick(pair.now + 2 * SECOND);
        assertEquals(VpnSession.State.CLOSED, pair.client.state());
        assertEquals(1, pair.clientOut.eventsOf(SessionEvent.Closed.class).size());
    }
}
