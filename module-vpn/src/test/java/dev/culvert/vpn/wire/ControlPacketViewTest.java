package dev.culvert.vpn.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The plain control packet of §1.3. Vectors are the captured packets of OpenVPN 2.6.14's
 * tests/unit_tests/openvpn/test_pkt.c, as quoted in /work/shared/protocol/openvpn.md §1.3 and read
 * from the file itself (github.com/OpenVPN/openvpn, via the project's code search).
 */
class ControlPacketViewTest {
    private static final HexFormat HEX = HexFormat.of();
    /** test_pkt.c client_reset_v2_none, 14 bytes. */
    static final byte[] CLIENT_RESET_V2_NONE = HEX.parseHex("38" + "6891923fa3103437" + "00" + "00000000");
    /** test_pkt.c client_ack_none_random_id, P_ACK_V1, 22 bytes. */
    static final byte[] CLIENT_ACK_NONE_RANDOM_ID = HEX.parseHex("28" + "aeb9afe1f01d79c8" + "01" + "00000000" + "dd85db535623b02e");
    /** test_pkt.c client_control_with_ack: a P_CONTROL_V1 with one ACK, cut after 3 bytes of TLS record. */
    static final byte[] CLIENT_CONTROL_WITH_ACK = HEX.parseHex("20" + "7819bf2ebcd19a45" + "01" + "00000000"
            + "eafebfa4418ae31b" + "00000001" + "160301");

    private final ControlPacketView view = new ControlPacketView();

    @Test
    void clientResetV2None() {
        assertNull(view.wrap(CLIENT_RESET_V2_NONE, 0, CLIENT_RESET_V2_NONE.length));
        assertEquals(Opcode.CONTROL_HARD_RESET_CLIENT_V2, view.opcode());
        assertEquals(0, view.keyId());
        assertEquals(0x6891923fa3103437L, view.sessionId());
        assertEquals(0, view.ackCount());
        assertEquals(0, view.peerSessionId());
        assertEquals(0, view.messageId());
        assertEquals(0, view.payloadLength());
    }

    @Test
    void clientAckNoneRandomId() {
        assertNull(view.wrap(CLIENT_ACK_NONE_RANDOM_ID, 0, CLIENT_ACK_NONE_RANDOM_ID.length));
        assertEquals(Opcode.ACK_V1, view.opcode());
        assertEquals(0xaeb9afe1f01d79c8L, view.sessionId());
        assertEquals(1, view.ackCount());
        assertEquals(0, view.ack(0));
        assertEquals(0xdd85db535623b02eL, view.peerSessionId());
        assertEquals(-1, view.messageId(), "P_ACK_V1 has no message id");
        assertEquals(0, view.payloadLength());
    }

    @Test
    void controlWithAckCarriesPayloadAfterTheMessageId() {
        assertNull(view.wrap(CLIENT_CONTROL_WITH_ACK, 0, CLIENT_CONTROL_WITH_ACK.length));
        assertEquals(Opcode.CONTROL_V1, view.opcode());
        assertEquals(0xeafebfa4418ae31bL, view.peerSessionId());
        assertEquals(1, view.messageId());
        assertEquals(3, view.payloadLength());
        assertEquals(0x16, view.buffer()[view.payloadOffset()]);
    }

    @Test
    void viewHonoursOffsetAndLength() {
        byte[] padded = new byte[CLIENT_RESET_V2_NONE.length + 7];
        System.arraycopy(CLIENT_RESET_V2_NONE, 0, padded, 5, CLIENT_RESET_V2_NONE.length);
        assertNull(view.wrap(padded, 5, CLIENT_RESET_V2_NONE.length));
        assertEquals(0x6891923fa3103437L, view.sessionId());
        assertEquals(0, view.payloadLength());
    }

    @Test
    void everyShorterPrefixIsTruncated() {
        for (byte[] vector : new byte[][] {CLIENT_RESET_V2_NONE, CLIENT_ACK_NONE_RANDOM_ID, CLIENT_CONTROL_WITH_ACK}) {
            int full = vector == CLIENT_CONTROL_WITH_ACK ? vector.length - 3 : vector.length;
            for (int len = 0; len < full; len++) {
                assertSame(ControlDrops.TRUNCATED, view.wrap(vector, 0, len), "prefix of " + len);
            }
        }
    }

    @Test
    void moreThanEightAcksIsRefused() {
        byte[] p = new byte[1 + 8 + 1 + 9 * 4 + 8 + 4];
        p[0] = 0x20;
        p[1] = 1;
        p[9] = 9;
        assertSame(ControlDrops.TOO_MANY_ACKS, view.wrap(p, 0, p.length));
        p[9] = (byte) 0xff;
        assertSame(ControlDrops.TOO_MANY_ACKS, view.wrap(p, 0, p.length));
        p[9] = 8;
        p[10 + 8 * 4] = 1;
        assertNull(view.wrap(p, 0, p.length));
        assertEquals(8, view.ackCount());
    }

    @Test
    void onlyLegalControlOpcodesPass() {
        byte[] p = CLIENT_RESET_V2_NONE.clone();
        for (int code = 0; code < 32; code++) {
            p[0] = (byte) (code << 3 | 2);
            boolean legal = code >= 3 && code <= 11 && code != 6 && code != 9;
            if (legal) {
                // ACK with no acks is refused for another reason; every other legal opcode parses.
                if (code != 5) {
                    assertNull(view.wrap(p, 0, p.length), "opcode " + code);
                    assertEquals(2, view.keyId());
                }
            } else {
                assertSame(ControlDrops.BAD_OPCODE, view.wrap(p, 0, p.length), "opcode " + code);
            }
        }
    }

    @Test
    void zeroSessionIdIsRefused() {
        byte[] p = CLIENT_RESET_V2_NONE.clone();
        java.util.Arrays.fill(p, 1, 9, (byte) 0);
        assertSame(ControlDrops.ZERO_SESSION_ID, view.wrap(p, 0, p.length));
        byte[] ack = CLIENT_ACK_NONE_RANDOM_ID.clone();
        java.util.Arrays.fill(ack, 14, 22, (byte) 0);
        assertSame(ControlDrops.ZERO_SESSION_ID, view.wrap(ack, 0, ack.length), "found by the fuzzer");
    }

    @Test
    void ackWithoutAcksOrWithTrailingBytesIsRefused() {
        byte[] noAcks = HEX.parseHex("28" + "aeb9afe1f01d79c8" + "00");
        assertSame(ControlDrops.EMPTY_ACK, view.wrap(noAcks, 0, noAcks.length));
        byte[] trailing = java.util.Arrays.copyOf(CLIENT_ACK_NONE_RANDOM_ID, CLIENT_ACK_NONE_RANDOM_ID.length + 1);
        assertSame(ControlDrops.EMPTY_ACK, view.wrap(trailing, 0, trailing.length));
    }

    @Test
    void writerReproducesTheVectorsFromParsedValues() {
        for (byte[] vector : new byte[][] {CLIENT_RESET_V2_NONE, CLIENT_ACK_NONE_RANDOM_ID, CLIENT_CONTROL_WITH_ACK}) {
            assertNull(view.wrap(vector, 0, vector.length));
            ControlPacket parsed = ControlPacket.of(view);
            assertEquals(vector.length, parsed.encodedLength());
            assertArrayEquals(vector, ControlPacketWriter.toBytes(parsed));
        }
    }

    @Test
    void writerBuildsTheResetFromScratch() {
        ControlPacket reset = new ControlPacket(Opcode.CONTROL_HARD_RESET_CLIENT_V2, 0, new SessionId(0x6891923fa3103437L),
                new long[0], null, 0, new byte[0]);
        assertArrayEquals(CLIENT_RESET_V2_NONE, ControlPacketWriter.toBytes(reset));
        ControlPacket ack = new ControlPacket(Opcode.ACK_V1, 0, new SessionId(0xaeb9afe1f01d79c8L), new long[] {0},
                new SessionId(0xdd85db535623b02eL), -1, new byte[0]);
        assertArrayEquals(CLIENT_ACK_NONE_RANDOM_ID, ControlPacketWriter.toBytes(ack));
    }
}
