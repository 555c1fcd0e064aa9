package dev.culvert.vpn.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.wire.ControlPacket;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.ControlPacketWriter;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import org.junit.jupiter.api.Test;

class ControlChannelTest {
    private static final long S = 1_000_000_000L;
    private static final SessionId CLIENT = new SessionId(0x1111);
    private static final SessionId SERVER = new SessionId(0x2222);

    private final ControlChannel client = ControlChannel.create(CLIENT, 0, 1250, 40, 2 * S);
    private final ControlChannel server = ControlChannel.create(SERVER, 0, 1250, 40, 2 * S);
    private final ControlPacketView view = new ControlPacketView();

    private DropReason deliver(ControlPacket p, ControlChannel to) {
        byte[] bytes = ControlPacketWriter.toBytes(p);
        assertNull(view.wrap(bytes, 0, bytes.length));
        return to.receive(view, 0);
    }

    @Test
    void threeWayHandshakeAsOnTheWire() {
        assertEquals(0, client.sendEmpty(Opcode.CONTROL_HARD_RESET_CLIENT_V2));
        ControlPacket reset = client.poll(0);
        assertEquals(Opcode.CONTROL_HARD_RESET_CLIENT_V2, reset.opcode());
        assertEquals(0, reset.acks().length);
        assertEquals(0, reset.messageId());
        assertNull(client.poll(0), "nothing else to say");

        assertNull(deliver(reset, server));
        assertEquals(CLIENT, server.peer());
        assertEquals(Opcode.CONTROL_HARD_RESET_CLIENT_V2, server.firstReceivedOpcode());
        server.sendEmpty(Opcode.CONTROL_HARD_RESET_SERVER_V2);
        ControlPacket serverReset = server.poll(0);
        assertArrayEquals(new long[] {0}, serverReset.acks(), "the server's reset ACKs the client's");
        assertEquals(CLIENT, serverReset.peerSessionId());
        assertEquals(0, serverReset.messageId());

        assertNull(deliver(serverReset, client));
        byte[] hello = {0x16, 3, 1, 0, 1, 42};
        client.writeTls(hello, 0, hello.length);
        ControlPacket clientHello = client.poll(0);
        assertEquals(Opcode.CONTROL_V1, clientHello.opcode());
        assertEquals(1, clientHello.messageId());
        assertArrayEquals(new long[] {0}, clientHello.acks());
        assertEquals(SERVER, clientHello.peerSessionId());

        assertNull(deliver(clientHello, server));
        byte[] got = new byte[100];
        assertEquals(hello.length, server.readTls(got, 0, got.length));
        assertArrayEquals(hello, java.util.Arrays.copyOf(got, hello.length));
        ControlPacket ack = server.poll(0);
        assertEquals(Opcode.ACK_V1, ack.opcode());
        assertEquals(1, ack.acks()[0], "the fresh id first, then the recently ACKed ones");
        assertNull(deliver(ack, client));
        assertTrue(client.idle());
    }

    /** openvpn.md §1.5: with tls-crypt, 2.6's client reset is 54 bytes, the server's (1 ACK) 66. */
    @Test
    void resetSizesMatchWhatStockOpenVpnSends() {
        client.sendEmpty(Opcode.CONTROL_HARD_RESET_CLIENT_V2);
        ControlPacket reset = client.poll(0);
        assertEquals(54, reset.encodedLength() + 40);
        deliver(reset, server);
        server.sendEmpty(Opcode.CONTROL_HARD_RESET_SERVER_V2);
        assertEquals(66, server.poll(0).encodedLength() + 40);
    }

    @Test
    void outgoingTlsBytesAreCutToFitTheLimit() {
        ControlChannel small = ControlChannel.create(CLIENT, 0, 200, 40, 2 * S);
        small.expectPeer(SERVER);
        byte[] flight = new byte[1000];
        small.writeTls(flight, 0, flight.length);
        int total = 0;
        for (ControlPacket p; (p = small.poll(0)) != null; ) {
            assertTrue(p.encodedLength() + 40 <= 200, "wrapped packet within 200 bytes");
            assertTrue(p.payloadLength() <= small.maxPayload());
            total += p.payloadLength();
        }
        assertEquals(Math.min(1000, 6 * small.maxPayload()), total, "six packets in flight at most");
        assertEquals(200 - 40 - (1 + 8 + 1 + 16 + 8 + 4), small.maxPayload());
    }

    @Test
    void aLimitWithNoRoomForPayloadIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ControlChannel.create(CLIENT, 0, 60, 40, S));
    }

    @Test
    void packetsFromAnotherSessionOrKeyIdAreDropped() {
        client.expectPeer(SERVER);
        ControlPacket stranger = new ControlPacket(Opcode.CONTROL_V1, 0, new SessionId(0x3333), new long[0], null, 0, new byte[1]);
        assertSame(ReliableDrops.WRONG_SESSION, deliver(stranger, client));
        ControlPacket otherKey = new ControlPacket(Opcode.CONTROL_V1, 1, SERVER, new long[0], null, 0, new byte[1]);
        assertSame(ReliableDrops.WRONG_KEY_ID, deliver(otherKey, client));
        ControlPacket ackForOther = new ControlPacket(Opcode.ACK_V1, 0, SERVER, new long[] {0}, new SessionId(0x4444), -1,
                new byte[0]);
        assertSame(ReliableDrops.ACK_FOR_OTHER_SESSION, deliver(ackForOther, client));
    }

    @Test
    void duplicatesAreAckedAgainAndOutOfWindowIsNot() {
        client.expectPeer(SERVER);
        ControlPacket m0 = new ControlPacket(Opcode.CONTROL_V1, 0, SERVER, new long[0], null, 0, new byte[] {7});
        assertNull(deliver(m0, client));
        assertEquals(0, client.poll(0).acks()[0]);
        assertSame(ReliableDrops.DUPLICATE, deliver(m0, client));
        assertEquals(Opcode.ACK_V1, client.poll(0).opcode(), "a duplicate is ACKed again");
        assertEquals(1, client.tlsAvailable(), "but delivered once");
        ControlPacket far = new ControlPacket(Opcode.CONTROL_V1, 0, SERVER, new long[0], null, 13, new byte[] {7});
        assertSame(ReliableDrops.OUT_OF_WINDOW, deliver(far, client));
        assertNull(client.poll(0), "no ACK for a packet beyond the window");
    }

    @Test
    void retransmissionsReuseTheMessageIdAndWakeAtTheTimeout() {
        client.sendEmpty(Opcode.CONTROL_HARD_RESET_CLIENT_V2);
        assertEquals(0, client.poll(0).messageId());
        assertEquals(2 * S, client.nextWakeNanos(0));
        assertNull(client.poll(2 * S - 1));
        assertEquals(0, client.poll(2 * S).messageId());
        assertEquals(6 * S, client.nextWakeNanos(2 * S));
    }
}
