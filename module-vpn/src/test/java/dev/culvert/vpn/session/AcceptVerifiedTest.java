package dev.culvert.vpn.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.vpn.control.ControlPlaintext;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.wire.ControlPacket;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.ControlPacketWriter;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A server session that starts after a stateless answer to the client's hard reset (2.6's HMAC
 * cookie server, openvpn.md §5.5): here the answer is made by hand; the pre-authentication gate's
 * own tests run the same exchange through the gate.
 */
class AcceptVerifiedTest {
    private static final long MS = 1_000_000L;
    private static final long EPOCH = 1_700_000_000L;
    private static final SessionId COOKIE = new SessionId(0x0C00_C1E5_0C00_C1E5L);

    @Test
    void aServerSessionTakesOverAfterAStatelessResetAnswerAndBothSidesConnect() throws Exception {
        byte[] key = new byte[StaticKey.LENGTH];
        new Random(11).nextBytes(key);
        TestPkiAccess.SettingsPair settings = TestPkiAccess.settingsPair(
                epoch -> TlsCrypt.forClient(StaticKey.ofBytes(key), epoch),
                epoch -> TlsCrypt.forServer(StaticKey.ofBytes(key), epoch), false);
        RecordingOutput clientOut = new RecordingOutput();
        RecordingOutput serverOut = new RecordingOutput();
        long now = 1_000 * MS;
        VpnSession client = new VpnSession(settings.client(), clientOut, now, EPOCH);
        client.start(now);
        byte[] reset = clientOut.toPeer.poll();

        // The stateless answer: our sid = the cookie, ACK of message 0, message 0, replay id 1.
        ControlPlaintext plain = new ControlPlaintext();
        ControlPacketView view = new ControlPacketView();
        SessionId clientSid;
        byte[] answer = new byte[128];
        int answerLength;
        try (TlsCrypt gateWrap = TlsCrypt.forServer(StaticKey.ofBytes(key), EPOCH)) {
            assertNull(gateWrap.unwrapStateless(reset, 0, reset.length, plain));
            assertNull(view.wrap(plain.bytes(), 0, plain.length()));
            clientSid = new SessionId(view.sessionId());
            byte[] plainAnswer = ControlPacketWriter.toBytes(new ControlPacket(Opcode.CONTROL_HARD_RESET_SERVER_V2, 0, COOKIE,
                    new long[] {0}, clientSid, 0, new byte[0]));
            answerLength = gateWrap.wrapStateless(plainAnswer, 0, plainAnswer.length, VpnSession.STATELESS_RESET_REPLAY_ID,
                    EPOCH, answer, 0);
        }
        client.receive(answer, 0, answerLength, now);
        byte[] hello = clientOut.toPeer.poll();
        assertNotNull(hello, "the client answers with its ClientHello, message 1");

        VpnSession server = VpnSession.acceptVerified(settings.server(), serverOut, COOKIE, clientSid, now, EPOCH);
        assertEquals(COOKIE, server.sessionId());
        assertEquals(clientSid, server.peerSessionId());
        assertEquals(VpnSession.State.CONNECTING, server.state());
        assertNull(server.receive(hello, 0, hello.length, now), "message 1 is the next one it expects");
        byte[] first = serverOut.toPeer.peek();
        assertNotNull(first, "the server answers the ClientHello");
        assertEquals(2, readUint32(first, 9), "replay id 1 went out with the stateless answer");

        PacketPool pool = new PacketPool("accept", 16);
        for (int i = 0; i < 300 && (client.state() != VpnSession.State.CONNECTED || server.state() != VpnSession.State.CONNECTED);
             i++, now += 10 * MS) {
            client.tick(now);
            server.tick(now);
            move(serverOut, client, pool, now);
            move(clientOut, server, pool, now);
        }
        assertEquals(VpnSession.State.CONNECTED, client.state(), () -> clientOut.events.toString());
        assertEquals(VpnSession.State.CONNECTED, server.state(), () -> serverOut.events.toString());
        assertEquals(0, client.drops().total(), () -> "the client refused nothing: " + client.drops());
        assertEquals(0, server.drops().total(), () -> "the server refused nothing: " + server.drops());
    }

    @Test
    void onlyAServerAcceptsAVerifiedClient() throws Exception {
        TestPkiAccess.SettingsPair settings = TestPkiAccess.settingsPair(e -> new dev.culvert.vpn.control.NoWrap(),
                e -> new dev.culvert.vpn.control.NoWrap(), false);
        assertThrows(IllegalArgumentException.class, () -> VpnSession.acceptVerified(settings.client(), new RecordingOutput(),
                COOKIE, new SessionId(5), 0, EPOCH));
    }

    @Test
    void aFreshHardResetOnTheAcceptedSessionIsNotTakenAsANewStart() throws Exception {
        TestPkiAccess.SettingsPair settings = TestPkiAccess.settingsPair(e -> new dev.culvert.vpn.control.NoWrap(),
                e -> new dev.culvert.vpn.control.NoWrap(), false);
        RecordingOutput serverOut = new RecordingOutput();
        SessionId clientSid = new SessionId(77);
        VpnSession server = VpnSession.acceptVerified(settings.server(), serverOut, COOKIE, clientSid, 0, EPOCH);
        byte[] reset = ControlPacketWriter.toBytes(new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, clientSid,
                new long[0], null, 0, new byte[0]));
        assertNotNull(server.receive(reset, 0, reset.length, 0), "message 0 counts as delivered already");
        assertEquals(0, serverOut.events.size());
    }

    private static void move(RecordingOutput from, VpnSession to, PacketPool pool, long now) {
        for (byte[] b; (b = from.toPeer.poll()) != null; ) {
            if (VpnSession.isDataPacket(b[0] & 0xff)) {
                Packet p = pool.acquire();
                p.setContents(b, 0, b.length);
                to.dataPlane().open(p, now);
                p.release();
            } else {
                to.receive(b, 0, b.length, now);
            }
        }
        from.payloads.clear();
    }

    private static long readUint32(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
    }
}
