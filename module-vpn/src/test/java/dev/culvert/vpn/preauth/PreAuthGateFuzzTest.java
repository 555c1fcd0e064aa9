package dev.culvert.vpn.preauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.control.ControlPlaintext;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.Opcode;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Jazzer target for the gate: the first input byte picks the listener (bit 0: TCP), the wrapping
 * (bits 1-2, modulo 3: none, tls-auth, tls-crypt) and whether the harness writes the right cookie
 * into an unwrapped packet's peer-session-id (bit 3, so the fuzzer reaches the verified path,
 * which it cannot by guessing an HMAC); the rest is the packet. Nothing may throw or be counted as
 * an internal error, the same packet must get the same verdict twice (the gate keeps no state), and
 * every answer must be a well-formed server reset under the client's wrapping. A normal build runs it
 * over the kept corpus (src/test/resources/dev/culvert/vpn/preauth/PreAuthGateFuzzTestInputs/);
 * {@code -Pfuzz} fuzzes it.
 */
class PreAuthGateFuzzTest {
    private static final long EPOCH = 1_700_000_010L;
    private static final InetSocketAddress SOURCE = PreAuthGateTest.address(203, 0, 113, 9, 1194);
    private static final SessionIdCookie COOKIE = new SessionIdCookie(new SecureRandom(), 60);
    private static final PreAuthGate[] GATES = new PreAuthGate[6];

    static {
        for (Wrapping w : Wrapping.values()) {
            GATES[w.ordinal() * 2] = new PreAuthGate(COOKIE, w.server(), true);
            GATES[w.ordinal() * 2 + 1] = new PreAuthGate(COOKIE, w.server(), false);
        }
    }

    private final byte[] reply = new byte[PreAuthGate.MAX_REPLY_LENGTH];
    private final ControlPlaintext plain = new ControlPlaintext();
    private final ControlPacketView view = new ControlPacketView();

    @FuzzTest(maxDuration = "30s")
    void check(byte[] data) {
        if (data.length < 1) {
            return;
        }
        int selector = data[0] & 0xff;
        boolean tcp = (selector & 1) != 0;
        Wrapping w = Wrapping.values()[((selector >>> 1) & 3) % 3];
        byte[] packet = Arrays.copyOfRange(data, 1, data.length);
        if ((selector & 8) != 0 && w == Wrapping.NONE) {
            writeCookie(packet);
        }
        PreAuthGate gate = GATES[w.ordinal() * 2 + (tcp ? 1 : 0)];

        Verdict v = gate.check(packet, 0, packet.length, SOURCE, EPOCH, 0, reply);
        Verdict.Kind kind = v.kind();
        DropReason reason = v.reason();
        long client = v.clientSessionId();
        long own = v.ownSessionId();
        assertNotSame(PreAuthDrops.INTERNAL, reason, "a packet's bytes made the gate fail");
        switch (kind) {
            case DROP -> assertTrue(reason.name().startsWith("preauth."), reason.name());
            case RESET_ANSWERED -> {
                assertTrue(!tcp && client != 0 && own == COOKIE.compute(EPOCH, SOURCE, client));
                assertEquals(gate.replyCapacity(), v.replyLength());
                assertNull(w.newClient(1).unwrap(reply, 0, v.replyLength(), 0, plain));
                assertNull(view.wrap(plain.bytes(), 0, plain.length()));
                assertSame(Opcode.CONTROL_HARD_RESET_SERVER_V2, view.opcode());
                assertEquals(client, view.peerSessionId());
            }
            case VERIFIED -> assertTrue(!tcp && client != 0 && COOKIE.verify(own, EPOCH, SOURCE, client));
            case NEW_SESSION -> assertTrue(tcp && client != 0);
        }
        Verdict again = gate.check(packet, 0, packet.length, SOURCE, EPOCH, 0, reply);
        assertEquals(kind, again.kind(), "the same packet, the same verdict: nothing was remembered");
        assertSame(reason, again.reason());
        assertEquals(client, again.clientSessionId());
        assertNotEquals(PreAuthDrops.INTERNAL, again.reason());
    }

    /** Puts our cookie for (SOURCE, the packet's sid) where a plain packet with ACKs carries the peer sid. */
    private static void writeCookie(byte[] p) {
        if (p.length < 10) {
            return;
        }
        int acks = p[9] & 0xff;
        int at = 10 + 4 * acks;
        if (acks == 0 || acks > 8 || at + 8 > p.length) {
            return;
        }
        long sid = 0;
        for (int i = 1; i <= 8; i++) {
            sid = (sid << 8) | (p[i] & 0xffL);
        }
        long c = COOKIE.compute(EPOCH, SOURCE, sid);
        for (int i = 7; i >= 0; i--) {
            p[at + i] = (byte) c;
            c >>>= 8;
        }
    }
}
