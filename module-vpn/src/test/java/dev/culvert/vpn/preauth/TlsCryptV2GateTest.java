package dev.culvert.vpn.preauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.control.ControlPlaintext;
import dev.culvert.vpn.control.ControlWrap;
import dev.culvert.vpn.control.KeyDirection;
import dev.culvert.vpn.control.TlsCrypt;
import dev.culvert.vpn.control.TlsCryptV2Client;
import dev.culvert.vpn.control.TlsCryptV2ClientKey;
import dev.culvert.vpn.control.TlsCryptV2Server;
import dev.culvert.vpn.control.TlsCryptV2ServerKey;
import dev.culvert.vpn.control.TlsCryptV2Vectors;
import dev.culvert.vpn.replay.ReplayCounter;
import dev.culvert.vpn.replay.ReplayWindow;
import dev.culvert.vpn.wire.ControlPacket;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.ControlPacketWriter;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pre-authentication gate of a tls-crypt-v2 server: it learns each client's key from the packet
 * alone, answers a 2.6 client statelessly asking for its key again, and admits it on the
 * P_CONTROL_WKC_V1 that proves the cookie; a 2.5-style client is admitted at once, or refused under
 * {@code force-cookie}.
 */
class TlsCryptV2GateTest {
    private static final long EPOCH = PreAuthGateTest.EPOCH;
    private static final InetSocketAddress SOURCE = PreAuthGateTest.SOURCE;
    private static final SessionId CLIENT = new SessionId(PreAuthGateTest.CLIENT_SID);

    private final SessionIdCookie cookie = new SessionIdCookie(new SecureRandom(), 60);
    private final byte[] reply = new byte[PreAuthGate.MAX_REPLY_LENGTH];
    private final TlsCryptV2ServerKey serverKey = TlsCryptV2Vectors.serverKey();
    private final TlsCryptV2ClientKey clientKey = TlsCryptV2Vectors.clientKey();
    private final TlsCryptV2Client client = TlsCryptV2Client.create(clientKey, EPOCH);

    @AfterEach
    void wipe() {
        client.close();
        clientKey.close();
        serverKey.close();
    }

    private PreAuthGate gate(boolean udp, boolean forceCookie) {
        return new PreAuthGate(cookie, epoch -> new TlsCryptV2Server(serverKey, forceCookie, epoch), udp);
    }

    private Verdict check(PreAuthGate gate, byte[] packet) {
        return gate.check(packet, 0, packet.length, SOURCE, EPOCH, 0, reply);
    }

    private static byte[] wrap(ControlWrap wrap, ControlPacket p) {
        byte[] plain = ControlPacketWriter.toBytes(p);
        byte[] out = new byte[plain.length + wrap.overhead()];
        return Arrays.copyOf(out, wrap.wrap(plain, 0, plain.length, out, 0));
    }

    private static ControlPacket reset() {
        return new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, CLIENT, new long[0], null, 0, new byte[0]);
    }

    @Test
    void a26ClientsResetIsAnsweredAskingForItsKeyAndItsWkcPacketProvesTheCookie() {
        try (PreAuthGate gate = gate(true, true)) {
            Verdict answered = check(gate, wrap(client, reset()));
            assertEquals(Verdict.Kind.RESET_ANSWERED, answered.kind(), answered::toString);
            long cookieSid = answered.ownSessionId();
            ControlPlaintext plain = new ControlPlaintext();
            assertNull(client.unwrap(reply, 0, answered.replyLength(), 0, plain));
            assertTrue(client.resendingWrappedKey(), "the answer carries the resend-WKc flag");
            ControlPacketView view = new ControlPacketView();
            assertNull(view.wrap(plain.bytes(), 0, plain.length()));
            assertEquals(6, view.payloadLength());

            byte[] second = wrap(client, new ControlPacket(Opcode.CONTROL_V1, 0, CLIENT, new long[] {0}, new SessionId(cookieSid), 1,
                    "ClientHello".getBytes()));
            assertSame(Opcode.CONTROL_WKC_V1, Opcode.ofByte0(second[0]));
            Verdict verified = check(gate, second);
            assertEquals(Verdict.Kind.VERIFIED, verified.kind(), verified::toString);
            assertEquals(cookieSid, verified.ownSessionId());
        }
    }

    @Test
    void aClientWithoutEarlyNegotiationIsAdmittedAtOnceUnlessTheServerForcesCookies() {
        byte[] oldStyle = oldStyleReset();
        try (PreAuthGate lenient = gate(true, false); PreAuthGate strict = gate(true, true); PreAuthGate tcp = gate(false, true)) {
            assertEquals(Verdict.Kind.NEW_SESSION, check(lenient, oldStyle).kind());
            Verdict refused = check(strict, oldStyle);
            assertSame(PreAuthDrops.NO_EARLY_NEGOTIATION, refused.reason(), refused::toString);
            assertEquals(Verdict.Kind.NEW_SESSION, check(tcp, oldStyle).kind(), "TCP proved the address already");
        }
    }

    @Test
    void packetsWithoutAGoodWrappedKeyAreRefusedByReason() {
        try (PreAuthGate gate = gate(true, false)) {
            TlsCrypt v1 = new TlsCrypt(clientKey.clientKey(), KeyDirection.INVERSE, new ReplayCounter(EPOCH), new ReplayWindow());
            assertSame(PreAuthDrops.NO_CLIENT_KEY, check(gate, wrap(v1, reset())).reason(), "a plain v2 reset carries no key");
            byte[] forged = wrap(client, reset());
            forged[forged.length - 100] ^= 1;
            assertSame(PreAuthDrops.BAD_CLIENT_KEY, check(gate, forged).reason());
            byte[] cut = Arrays.copyOf(forged, forged.length - 1);
            assertSame(PreAuthDrops.BAD_CLIENT_KEY, check(gate, cut).reason());
            assertEquals(3, gate.drops().total());
            v1.close();
        }
    }

    /** A v3 reset as a 2.5 client sends it: replay ids from 1, so no early negotiation. */
    private byte[] oldStyleReset() {
        TlsCrypt v1 = new TlsCrypt(clientKey.clientKey(), KeyDirection.INVERSE, new ReplayCounter(EPOCH), new ReplayWindow());
        byte[] plain = ControlPacketWriter.toBytes(reset());
        plain[0] = (byte) Opcode.CONTROL_HARD_RESET_CLIENT_V3.byte0(0);
        byte[] withKey = TlsCryptV2Vectors.wrappedKeyOf(clientKey);
        byte[] out = new byte[plain.length + v1.overhead() + withKey.length];
        int n = v1.wrap(plain, 0, plain.length, out, 0);
        System.arraycopy(withKey, 0, out, n, withKey.length);
        v1.close();
        return Arrays.copyOf(out, n + withKey.length);
    }
}
