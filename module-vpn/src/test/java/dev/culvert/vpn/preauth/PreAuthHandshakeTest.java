package dev.culvert.vpn.preauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.session.SessionEvent;
import dev.culvert.vpn.session.SessionOutput;
import dev.culvert.vpn.session.TestPkiAccess;
import dev.culvert.vpn.session.VpnSession;
import dev.culvert.vpn.wire.SessionId;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole UDP admission path against our own client core: client reset → the gate answers it
 * statelessly → the client's ClientHello (message 1, ACKing the cookie) → the gate verifies it →
 * {@link VpnSession#acceptVerified} → that same packet fed to the new session → TLS, key method 2,
 * PUSH_REPLY → CONNECTED on both sides, under each wrapping, with nothing refused on either side
 * (so the session's replay ids did continue after the stateless answer's).
 */
class PreAuthHandshakeTest {
    private static final long MS = 1_000_000L;
    private static final long EPOCH = 1_700_000_000L;
    private static final InetSocketAddress CLIENT_ADDRESS = PreAuthGateTest.address(198, 51, 100, 23, 40_123);

    /** Keeps what a session sends and what happens to it. */
    private static final class Recorder implements SessionOutput {
        final ArrayDeque<byte[]> toPeer = new ArrayDeque<>();
        final List<SessionEvent> events = new ArrayList<>();

        @Override
        public void sendToPeer(byte[] buf, int off, int len) {
            toPeer.add(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void event(SessionEvent event) {
            events.add(event);
        }

        @Override
        public void dataPayloadDue(DataPlane.ControlPayload payload) {
        }
    }

    @ParameterizedTest
    @EnumSource(Wrapping.class)
    void aClientGetsThroughTheGateAndConnects(Wrapping w) throws Exception {
        TestPkiAccess.SettingsPair settings = TestPkiAccess.settingsPair(w.client(), w.server(), w == Wrapping.TLS_AUTH);
        SessionIdCookie cookie = new SessionIdCookie(new SecureRandom(), settings.server().common().timers().handWindowSeconds());
        PreAuthGate gate = new PreAuthGate(cookie, w.server(), true);
        ConnectRateLimit connectFreq = new ConnectRateLimit();
        byte[] reply = new byte[PreAuthGate.MAX_REPLY_LENGTH];
        long now = 1_000 * MS;
        long epoch = EPOCH;

        Recorder clientOut = new Recorder();
        VpnSession client = new VpnSession(settings.client(), clientOut, now, epoch);
        client.start(now);
        byte[] reset = clientOut.toPeer.poll();
        assertNotNull(reset);

        // The first answer is lost; the client retransmits its reset and the gate answers again, still keeping nothing.
        Verdict v = gate.check(reset, 0, reset.length, CLIENT_ADDRESS, epoch, now, reply);
        assertEquals(Verdict.Kind.RESET_ANSWERED, v.kind(), v::toString);
        now += 2_100 * MS;
        epoch += 2;
        client.tick(now);
        byte[] again = clientOut.toPeer.poll();
        assertNotNull(again, "the client resends its reset after tls-timeout");
        v = gate.check(again, 0, again.length, CLIENT_ADDRESS, epoch, now, reply);
        assertEquals(Verdict.Kind.RESET_ANSWERED, v.kind(), v::toString);
        assertNull(client.receive(reply, 0, v.replyLength(), now));

        byte[] hello = clientOut.toPeer.poll();
        assertNotNull(hello, "the ClientHello, ACKing the cookie");
        v = gate.check(hello, 0, hello.length, CLIENT_ADDRESS, epoch, now, reply);
        assertEquals(Verdict.Kind.VERIFIED, v.kind(), v::toString);
        assertTrue(connectFreq.tryAcquire(now));

        Recorder serverOut = new Recorder();
        VpnSession server = VpnSession.acceptVerified(settings.server(), serverOut, new SessionId(v.ownSessionId()),
                new SessionId(v.clientSessionId()), now, epoch);
        assertNull(server.receive(hello, 0, hello.length, now), "the packet that proved the cookie starts TLS");

        PacketPool pool = new PacketPool("preauth", 16);
        for (int i = 0; i < 500 && !(client.state() == VpnSession.State.CONNECTED && server.state() == VpnSession.State.CONNECTED);
             i++, now += 10 * MS) {
            client.tick(now);
            server.tick(now);
            move(serverOut, client, pool, now);
            move(clientOut, server, pool, now);
        }
        assertEquals(VpnSession.State.CONNECTED, client.state(), clientOut.events::toString);
        assertEquals(VpnSession.State.CONNECTED, server.state(), serverOut.events::toString);
        assertEquals(new SessionId(v.ownSessionId()), client.peerSessionId(), "the client talks to the cookie");
        assertEquals(0, client.drops().total(), client.drops()::toString);
        assertEquals(0, server.drops().total(), server.drops()::toString);
        assertEquals(2, gate.resetsAnswered());
        assertEquals(1, gate.cookiesVerified());
        assertEquals(0, gate.drops().total());
        server.dispose();
        client.dispose();
        gate.close();
        cookie.close();
    }

    private static void move(Recorder from, VpnSession to, PacketPool pool, long now) {
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
    }
}
