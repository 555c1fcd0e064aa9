package dev.culvert.vpn.preauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.control.ControlPlaintext;
import dev.culvert.vpn.control.ControlWrap;
import dev.culvert.vpn.control.StaticKey;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.wire.ControlPacket;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.ControlPacketWriter;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the pre-authentication gate lets through, answers, and refuses, and why. */
class PreAuthGateTest {
    static final long EPOCH = 1_700_000_010L;
    static final long CLIENT_SID = 0x0A1B_2C3D_4E5F_6071L;
    static final InetSocketAddress SOURCE = address(192, 0, 2, 7, 50_000);

    private final SessionIdCookie cookie = new SessionIdCookie(new SecureRandom(), 60);
    private final byte[] reply = new byte[PreAuthGate.MAX_REPLY_LENGTH];

    static InetSocketAddress address(int a, int b, int c, int d, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A control packet as the client would send it under {@code w}. */
    static byte[] fromClient(Wrapping w, ControlPacket p) {
        return wrapPlain(w, ControlPacketWriter.toBytes(p));
    }

    static byte[] wrapPlain(Wrapping w, byte[] plain) {
        ControlWrap wrap = w.newClient(EPOCH);
        byte[] out = new byte[plain.length + wrap.overhead()];
        wrap.wrap(plain, 0, plain.length, out, 0);
        return out;
    }

    static byte[] reset(Wrapping w) {
        return fromClient(w, new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, new SessionId(CLIENT_SID), new long[0],
                null, 0, new byte[0]));
    }

    static byte[] hello(Wrapping w, long claimedCookie, long clientSid) {
        return fromClient(w, new ControlPacket(Opcode.CONTROL_V1, 0, new SessionId(clientSid), new long[] {0},
                new SessionId(claimedCookie), 1, "ClientHello".getBytes()));
    }

    private Verdict check(PreAuthGate gate, byte[] packet) {
        return gate.check(packet, 0, packet.length, SOURCE, EPOCH, 0, reply);
    }

    private static void assertDropped(DropReason why, Verdict v) {
        assertEquals(Verdict.Kind.DROP, v.kind(), () -> "expected " + why + ", got " + v);
        assertSame(why, v.reason());
    }

    private static int replayOffset(Wrapping w) {
        return w == Wrapping.TLS_AUTH ? 9 + 32 : 9;
    }

    private static long uint32(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
    }

    @ParameterizedTest
    @EnumSource(Wrapping.class)
    void aValidResetIsAnsweredAtOnceWithTheCookieAsOurSessionId(Wrapping w) {
        PreAuthGate gate = new PreAuthGate(cookie, w.server(), true);
        Verdict v = check(gate, reset(w));
        assertEquals(Verdict.Kind.RESET_ANSWERED, v.kind(), v::toString);
        long expectedCookie = cookie.compute(EPOCH, SOURCE, CLIENT_SID);
        assertEquals(expectedCookie, v.ownSessionId());
        assertEquals(CLIENT_SID, v.clientSessionId());
        assertEquals(gate.replyCapacity(), v.replyLength());

        ControlPlaintext plain = new ControlPlaintext();
        assertNull(w.newClient(1).unwrap(reply, 0, v.replyLength(), 0, plain), "the client's wrapping takes the answer");
        ControlPacketView answer = new ControlPacketView();
        assertNull(answer.wrap(plain.bytes(), 0, plain.length()));
        assertEquals(Opcode.CONTROL_HARD_RESET_SERVER_V2, answer.opcode());
        assertEquals(0, answer.keyId());
        assertEquals(expectedCookie, answer.sessionId());
        assertEquals(1, answer.ackCount());
        assertEquals(0, answer.ack(0));
        assertEquals(CLIENT_SID, answer.peerSessionId());
        assertEquals(0, answer.messageId());
        assertEquals(0, answer.payloadLength());
        if (w != Wrapping.NONE) {
            assertEquals(1, uint32(reply, replayOffset(w)), "replay id 1");
            assertEquals(EPOCH, uint32(reply, replayOffset(w) + 4), "replay time now");
        }
        assertEquals(1, gate.resetsAnswered());
        assertEquals(0, gate.drops().total());
    }

    @Test
    void aResetCapturedFromStockOpenVpnIsAnswered() {
        PreAuthGate gate = new PreAuthGate(cookie, Wrapping.TLS_CRYPT.server(), true);
        byte[] captured = Wrapping.liveResource("client-reset-tls-crypt.bin");
        Verdict v = check(gate, captured);
        assertEquals(Verdict.Kind.RESET_ANSWERED, v.kind(), v::toString);
        assertEquals(0xc8f7b12434d1a4c8L, v.clientSessionId());
        PreAuthGate authGate = new PreAuthGate(cookie, Wrapping.TLS_AUTH.server(), true);
        byte[] capturedAuth = Wrapping.liveResource("client-reset-tls-auth-sha256.bin");
        assertEquals(Verdict.Kind.RESET_ANSWERED, check(authGate, capturedAuth).kind());
    }

    @Test
    void theSameResetAgainGetsTheSameAnswerAndNothingIsRemembered() {
        PreAuthGate gate = new PreAuthGate(cookie, Wrapping.TLS_CRYPT.server(), true);
        byte[] reset = reset(Wrapping.TLS_CRYPT);
        Verdict v = check(gate, reset);
        byte[] first = Arrays.copyOf(reply, v.replyLength());
        v = check(gate, reset);
        assertEquals(Verdict.Kind.RESET_ANSWERED, v.kind(), "a replayed reset is answered again: the gate keeps no window");
        assertArrayEquals(first, Arrays.copyOf(reply, v.replyLength()));
    }

    @ParameterizedTest
    @EnumSource(Wrapping.class)
    void theClientsNextPacketProvesTheCookie(Wrapping w) {
        PreAuthGate gate = new PreAuthGate(cookie, w.server(), true);
        long ours = cookie.compute(EPOCH, SOURCE, CLIENT_SID);
        Verdict v = check(gate, hello(w, ours, CLIENT_SID));
        assertEquals(Verdict.Kind.VERIFIED, v.kind(), v::toString);
        assertEquals(CLIENT_SID, v.clientSessionId());
        assertEquals(ours, v.ownSessionId());
        assertEquals(0, v.replyLength());
        byte[] ack = fromClient(w, new ControlPacket(Opcode.ACK_V1, 0, new SessionId(CLIENT_SID), new long[] {0},
                new SessionId(ours), -1, new byte[0]));
        assertEquals(Verdict.Kind.VERIFIED, check(gate, ack).kind(), "a bare ACK of the answer proves it too");
        assertEquals(2, gate.cookiesVerified());
    }

    @ParameterizedTest
    @EnumSource(Wrapping.class)
    void forgedCookiesAreRefused(Wrapping w) {
        PreAuthGate gate = new PreAuthGate(cookie, w.server(), true);
        long ours = cookie.compute(EPOCH, SOURCE, CLIENT_SID);
        assertDropped(PreAuthDrops.BAD_COOKIE, check(gate, hello(w, ours ^ 1, CLIENT_SID)));
        assertDropped(PreAuthDrops.BAD_COOKIE, check(gate, hello(w, 0x1234_5678_9ABC_DEF0L, CLIENT_SID)));
        try (SessionIdCookie otherProcess = new SessionIdCookie(new SecureRandom(), 60)) {
            long theirs = otherProcess.compute(EPOCH, SOURCE, CLIENT_SID);
            assertDropped(PreAuthDrops.BAD_COOKIE, check(gate, hello(w, theirs, CLIENT_SID)));
        }
        assertEquals(3, gate.drops().get(PreAuthDrops.BAD_COOKIE));
    }

    @Test
    void aValidCookieIsBoundToTheAddressPortAndClientSessionItWasMadeFor() {
        PreAuthGate gate = new PreAuthGate(cookie, Wrapping.TLS_CRYPT.server(), true);
        long ours = cookie.compute(EPOCH, SOURCE, CLIENT_SID);
        byte[] hello = hello(Wrapping.TLS_CRYPT, ours, CLIENT_SID);
        assertDropped(PreAuthDrops.BAD_COOKIE,
                gate.check(hello, 0, hello.length, address(192, 0, 2, 8, 50_000), EPOCH, 0, reply));
        assertDropped(PreAuthDrops.BAD_COOKIE,
                gate.check(hello, 0, hello.length, address(192, 0, 2, 7, 50_001), EPOCH, 0, reply));
        assertDropped(PreAuthDrops.BAD_COOKIE, check(gate, hello(Wrapping.TLS_CRYPT, ours, CLIENT_SID + 1)));
        assertEquals(Verdict.Kind.VERIFIED, check(gate, hello).kind());
    }

    @Test
    void cookiesFromThreeSlotsAgoAreExpiredAndFromTwoAheadForged() {
        PreAuthGate gate = new PreAuthGate(cookie, Wrapping.TLS_CRYPT.server(), true);
        long ours = cookie.compute(EPOCH, SOURCE, CLIENT_SID);
        byte[] hello = hello(Wrapping.TLS_CRYPT, ours, CLIENT_SID);
        long slot = cookie.slotSeconds();
        // Checked k slots after it was made, the cookie sits at slot offset -k.
        for (int k = -1; k <= 2; k++) {
            Verdict v = gate.check(hello, 0, hello.length, SOURCE, EPOCH + k * slot, 0, reply);
            assertEquals(Verdict.Kind.VERIFIED, v.kind(), "offset " + -k);
        }
        assertDropped(PreAuthDrops.EXPIRED_COOKIE, gate.check(hello, 0, hello.length, SOURCE, EPOCH + 3 * slot, 0, reply));
        assertDropped(PreAuthDrops.BAD_COOKIE, gate.check(hello, 0, hello.length, SOURCE, EPOCH - 2 * slot, 0, reply));
        assertDropped(PreAuthDrops.BAD_COOKIE, gate.check(hello, 0, hello.length, SOURCE, EPOCH + 4 * slot, 0, reply));
    }

    @Test
    void aFlippedTlsAuthHmacIsRefused() {
        PreAuthGate gate = new PreAuthGate(cookie, Wrapping.TLS_AUTH.server(), true);
        for (int i = 9; i < 9 + 32; i++) {
            byte[] reset = reset(Wrapping.TLS_AUTH);
            reset[i] ^= 0x40;
            assertDropped(PreAuthDrops.BAD_WRAP, check(gate, reset));
        }
        byte[] hello = hello(Wrapping.TLS_AUTH, cookie.compute(EPOCH, SOURCE, CLIENT_SID), CLIENT_SID);
        hello[hello.length - 1] ^= 1;
        assertDropped(PreAuthDrops.BAD_WRAP, check(gate, hello));
        assertEquals(33, gate.drops().get(PreAuthDrops.BAD_WRAP));
        assertEquals(0, gate.resetsAnswered() + gate.cookiesVerified());
    }

    @Test
    void aFlippedTlsCryptTagOrCiphertextIsRefused() {
        PreAuthGate gate = new PreAuthGate(cookie, Wrapping.TLS_CRYPT.server(), true);
        byte[] reset = reset(Wrapping.TLS_CRYPT);
        for (int i = 0; i < reset.length; i++) {
            if (i == 0) {
                continue; // the opcode byte is checked before the tag; see theWrongOpcodesAreNotResets
            }
            byte[] bad = reset.clone();
            bad[i] ^= 0x01;
            assertDropped(PreAuthDrops.BAD_WRAP, check(gate, bad));
        }
        assertEquals(reset.length - 1, gate.drops().get(PreAuthDrops.BAD_WRAP));
    }

    @Test
    void aPacketUnderAnotherKeyIsRefused() {
        byte[] otherKey = new byte[StaticKey.LENGTH];
        new Random(99).nextBytes(otherKey);
        PreAuthGate gate = new PreAuthGate(cookie, epoch -> TlsCrypt.forServer(StaticKey.ofBytes(otherKey), epoch), true);
        assertDropped(PreAuthDrops.BAD_WRAP, check(gate, reset(Wrapping.TLS_CRYPT)));
        PreAuthGate plainGate = new PreAuthGate(cookie, Wrapping.NONE.server(), true);
        Verdict v = check(plainGate, reset(Wrapping.TLS_CRYPT));
        assertEquals(Verdict.Kind.DROP, v.kind(), "a wrapped packet at an unwrapped server is no valid reset");
    }

    @ParameterizedTest
    @EnumSource(Wrapping.class)
    void resetsOfTheWrongShapeAreRefusedWithTheirReason(Wrapping w) {
        PreAuthGate gate = new PreAuthGate(cookie, w.server(), true);
        SessionId sid = new SessionId(CLIENT_SID);
        assertDropped(PreAuthDrops.WRONG_KEY_ID, check(gate,
                fromClient(w, new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 1, sid, new long[0], null, 0, new byte[0]))));
        assertDropped(PreAuthDrops.ACK_ON_RESET, check(gate, fromClient(w, new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2,
                0, sid, new long[] {0}, new SessionId(5), 0, new byte[0]))));
        assertDropped(PreAuthDrops.BAD_MESSAGE_ID, check(gate,
                fromClient(w, new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, sid, new long[0], null, 1, new byte[0]))));
        assertDropped(PreAuthDrops.PAYLOAD_ON_RESET, check(gate,
                fromClient(w, new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, sid, new long[0], null, 0, new byte[] {1}))));
        assertDropped(PreAuthDrops.NO_ACK, check(gate,
                fromClient(w, new ControlPacket(Opcode.CONTROL_V1, 0, sid, new long[0], null, 1, new byte[] {22}))));
        assertDropped(PreAuthDrops.WRONG_KEY_ID, check(gate, fromClient(w, new ControlPacket(Opcode.CONTROL_V1, 2, sid,
                new long[] {0}, new SessionId(cookie.compute(EPOCH, SOURCE, CLIENT_SID)), 1, new byte[] {22}))));
        // Malformed inside a valid wrapping: nine ACKs, and an all-zero session id.
        byte[] nineAcks = new byte[1 + 8 + 1 + 36 + 8 + 4];
        nineAcks[0] = 0x38;
        nineAcks[1] = 1;
        nineAcks[9] = 9;
        assertDropped(PreAuthDrops.MALFORMED, check(gate, wrapPlain(w, nineAcks)));
        byte[] zeroSid = {0x38, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertDropped(PreAuthDrops.MALFORMED, check(gate, wrapPlain(w, zeroSid)));
        assertDropped(PreAuthDrops.TOO_SHORT, check(gate, new byte[0]));
        byte[] reset = reset(w);
        assertDropped(w == Wrapping.NONE ? PreAuthDrops.MALFORMED : PreAuthDrops.TOO_SHORT,
                gate.check(reset, 0, 9, SOURCE, EPOCH, 0, reply));
        byte[] huge = new byte[5000];
        huge[0] = 0x38;
        assertDropped(PreAuthDrops.TOO_LONG, check(gate, huge));
        assertEquals(11, gate.drops().total());
        assertEquals(0, gate.resetsAnswered());
    }

    @Test
    void theWrongOpcodesAreNotResets() {
        PreAuthGate gate = new PreAuthGate(cookie, Wrapping.NONE.server(), true);
        byte[] packet = reset(Wrapping.NONE);
        int[] notResets = {0x08 /* CLIENT_V1 */, 0x10, 0x18 /* SOFT_RESET */, 0x30 /* DATA_V1 */, 0x40 /* SERVER_V2 */,
            0x48 /* DATA_V2 */, 0x50 /* CLIENT_V3 */, 0x58 /* WKC */, 0x00, 0xF8};
        for (int byte0 : notResets) {
            packet[0] = (byte) byte0;
            assertDropped(PreAuthDrops.NOT_A_RESET, check(gate, packet));
        }
        assertEquals(notResets.length, gate.drops().get(PreAuthDrops.NOT_A_RESET));
    }

    @ParameterizedTest
    @EnumSource(Wrapping.class)
    void overTcpAValidResetStartsASessionWithoutACookie(Wrapping w) {
        PreAuthGate gate = new PreAuthGate(cookie, w.server(), false);
        Arrays.fill(reply, (byte) 0x55);
        Verdict v = check(gate, reset(w));
        assertEquals(Verdict.Kind.NEW_SESSION, v.kind(), v::toString);
        assertEquals(CLIENT_SID, v.clientSessionId());
        assertEquals(0, v.replyLength());
        assertTrue(allEqual(reply, (byte) 0x55), "nothing is answered: the session answers");
        assertDropped(PreAuthDrops.NOT_A_RESET, check(gate, hello(w, cookie.compute(EPOCH, SOURCE, CLIENT_SID), CLIENT_SID)));
        assertEquals(1, gate.newSessions());
    }

    @Test
    void impossibleArgumentsAreCountedNotThrown() {
        PreAuthGate gate = new PreAuthGate(cookie, Wrapping.NONE.server(), true);
        byte[] reset = reset(Wrapping.NONE);
        assertDropped(PreAuthDrops.INTERNAL, gate.check(null, 0, 1, SOURCE, EPOCH, 0, reply));
        assertDropped(PreAuthDrops.INTERNAL, gate.check(reset, -1, 3, SOURCE, EPOCH, 0, reply));
        assertDropped(PreAuthDrops.INTERNAL, gate.check(reset, 5, reset.length, SOURCE, EPOCH, 0, reply));
        assertDropped(PreAuthDrops.INTERNAL, gate.check(reset, 0, reset.length, null, EPOCH, 0, reply));
        assertDropped(PreAuthDrops.INTERNAL, gate.check(reset, 0, reset.length, SOURCE, EPOCH, 0, new byte[10]));
        assertDropped(PreAuthDrops.INTERNAL, gate.check(reset, 0, reset.length, SOURCE, EPOCH, 0, null));
        assertDropped(PreAuthDrops.BAD_SOURCE,
                gate.check(reset, 0, reset.length, InetSocketAddress.createUnresolved("x.example", 1), EPOCH, 0, reply));
        byte[] hello = hello(Wrapping.NONE, 42, CLIENT_SID);
        assertDropped(PreAuthDrops.BAD_SOURCE,
                gate.check(hello, 0, hello.length, InetSocketAddress.createUnresolved("x.example", 1), EPOCH, 0, reply));
        gate.close();
        assertDropped(PreAuthDrops.CLOSED, check(gate, reset));
    }

    @Test
    void answersToResetsCanBeRateLimited() {
        PreAuthGate gate = new PreAuthGate(cookie, Wrapping.TLS_CRYPT.server(), true, new ConnectRateLimit(2, 10));
        byte[] reset = reset(Wrapping.TLS_CRYPT);
        assertEquals(Verdict.Kind.RESET_ANSWERED, check(gate, reset).kind());
        assertEquals(Verdict.Kind.RESET_ANSWERED, check(gate, reset).kind());
        assertDropped(PreAuthDrops.RESET_ANSWER_RATE, check(gate, reset));
        long ours = cookie.compute(EPOCH, SOURCE, CLIENT_SID);
        assertEquals(Verdict.Kind.VERIFIED, check(gate, hello(Wrapping.TLS_CRYPT, ours, CLIENT_SID)).kind(),
                "proving a cookie is not limited by it");
    }

    @Test
    void aProvedCookieGivesItsAnswerBackToTheLimit() {
        PreAuthGate gate = new PreAuthGate(cookie, Wrapping.TLS_CRYPT.server(), true, ConnectRateLimit.initialReplies(1, 10));
        byte[] reset = reset(Wrapping.TLS_CRYPT);
        assertEquals(Verdict.Kind.RESET_ANSWERED, check(gate, reset).kind());
        assertDropped(PreAuthDrops.RESET_ANSWER_RATE, check(gate, reset));
        long ours = cookie.compute(EPOCH, SOURCE, CLIENT_SID);
        assertEquals(Verdict.Kind.VERIFIED, check(gate, hello(Wrapping.TLS_CRYPT, ours, CLIENT_SID)).kind());
        assertEquals(Verdict.Kind.RESET_ANSWERED, check(gate, reset).kind(),
                "2.6 counts only answers nobody proved: a real client's handshake leaves the budget for the next one");
        assertEquals(1, gate.drops().get(PreAuthDrops.RESET_ANSWER_RATE), "the unanswered reset was counted");
    }

    private static boolean allEqual(byte[] b, byte v) {
        for (byte x : b) {
            if (x != v) {
                return false;
            }
        }
        return true;
    }
}
