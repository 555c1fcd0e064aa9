package dev.culvert.vpn.control;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jazzer targets for what reads control-channel bytes from the network: tls-crypt and tls-auth
 * unwrap (keyed with test_pkt.c's static key, so the kept seeds are real captured packets), and a
 * control channel fed a stream of plain packets. In a normal build they run over the kept seed corpus
 * (src/test/resources/dev/culvert/vpn/control/ControlWrapFuzzTestInputs/); with {@code -Pfuzz} each
 * fuzzes for a bounded time. Any exception is a finding.
 */
class ControlWrapFuzzTest {
    private static final StaticKey KEY = TestKeys.testPktKey();

    private final ControlPlaintext plain = new ControlPlaintext();
    private final ControlPacketView view = new ControlPacketView();

    @FuzzTest(maxDuration = "30s")
    void tlsCryptUnwrap(byte[] data) {
        TlsCrypt server = TlsCrypt.forServer(KEY, 1);
        DropReason why = server.unwrap(data, 0, data.length, 0, plain);
        if (why == null) {
            assertEquals(data.length - server.overhead(), plain.length());
            view.wrap(plain.bytes(), 0, plain.length());
        }
        server.close();
    }

    @FuzzTest(maxDuration = "30s")
    void tlsAuthUnwrap(byte[] data) {
        for (HmacDigest digest : HmacDigest.values()) {
            TlsAuth server = new TlsAuth(KEY, KeyDirection.NORMAL, digest, 1);
            DropReason why = server.unwrap(data, 0, data.length, 0, plain);
            if (why == null) {
                assertEquals(data.length - server.overhead(), plain.length());
                view.wrap(plain.bytes(), 0, plain.length());
            }
            server.close();
        }
    }

    /**
     * A tls-crypt-v2 server's wrapping, stateless (the gate's) and a session's, over any bytes: the
     * wrapped key's length field, its unwrap, and the packet before it; and a client reading a
     * server's reset, early-negotiation TLVs included. The kept seed is a v3 reset of the test key.
     */
    @FuzzTest(maxDuration = "30s")
    void tlsCryptV2Unwrap(byte[] data) {
        try (TlsCryptV2ServerKey key = TlsCryptV2Vectors.serverKey(); TlsCryptV2Server server = new TlsCryptV2Server(key, false, 1);
             TlsCryptV2ClientKey clientKey = TlsCryptV2Vectors.clientKey(); TlsCryptV2Client client = TlsCryptV2Client.create(clientKey, 1)) {
            if (server.unwrapStateless(data, 0, data.length, plain) == null) {
                view.wrap(plain.bytes(), 0, plain.length());
            }
            if (server.unwrap(data, 0, data.length, 0, plain) == null) {
                assertTrue(plain.length() < data.length);
                view.wrap(plain.bytes(), 0, plain.length());
            }
            client.unwrap(data, 0, data.length, 0, plain);
            EarlyNegotiation.flags(data, 0, data.length);
        }
    }

    /**
     * The input is a sequence of plain control packets, each preceded by one length byte and one
     * byte that moves the clock on by that many 100 ms; the channel must survive any of them and
     * never hand TLS more bytes than arrived.
     */
    @FuzzTest(maxDuration = "30s")
    void controlChannel(byte[] data) {
        ControlChannel channel = ControlChannel.create(new SessionId(0x5E), 0, 1250, 40, 2_000_000_000L);
        channel.sendEmpty(Opcode.CONTROL_HARD_RESET_SERVER_V2);
        long now = 0;
        int payloadIn = 0;
        int at = 0;
        while (at + 2 <= data.length) {
            int len = Math.min(data[at] & 0xff, data.length - at - 2);
            now += (data[at + 1] & 0xff) * 100_000_000L;
            if (view.wrap(data, at + 2, len) == null) {
                int payload = view.opcode() == Opcode.ACK_V1 ? 0 : view.payloadLength();
                if (channel.receive(view, now) == null) {
                    payloadIn += payload;
                }
            }
            at += 2 + len;
            while (channel.poll(now) != null) {
                assertTrue(channel.nextWakeNanos(now) >= now);
            }
        }
        byte[] sink = new byte[4096];
        int out = 0;
        for (int n; (n = channel.readTls(sink, 0, sink.length)) > 0; ) {
            out += n;
        }
        assertTrue(out <= payloadIn, out + " bytes out of " + payloadIn + " in");
    }
}
