package dev.culvert.ipv6;

import static dev.culvert.ipv6.Ipv6Packets.CLIENT_HI;
import static dev.culvert.ipv6.Ipv6Packets.CLIENT_LO;
import static dev.culvert.ipv6.Ipv6Packets.SERVER_HI;
import static dev.culvert.ipv6.Ipv6Packets.SERVER_LO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.ipv6.wire.ExtensionHeaderChain;
import dev.culvert.ipv6.wire.Ipv6Header;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.Side;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ipv6ProtocolTest {
    /** An IPv4 MSS of 1360, so IPv6 segments get 1340. */
    private static final L3Policy CLAMP = new L3Policy(1400, 1360, 10);

    private final PacketPool pool = new PacketPool("ipv6-test", 8);
    private final Ipv6Protocol ipv6 = new Ipv6Protocol(() -> 0L);
    private final L3Metadata meta = new L3Metadata();

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding());
    }

    private DropReason inspect(byte[] bytes, L3Policy policy) {
        Packet p = Ipv6Packets.load(pool, bytes);
        try {
            return ipv6.inspect(p, Side.TUNNEL, meta, policy);
        } finally {
            p.release();
        }
    }

    private byte[] inspected(byte[] bytes, L3Policy policy) {
        Packet p = Ipv6Packets.load(pool, bytes);
        try {
            assertNull(ipv6.inspect(p, Side.LINK, meta, policy));
            return p.toByteArray();
        } finally {
            p.release();
        }
    }

    @Test
    void acceptsAnEchoRequestAndReportsItsAddresses() {
        byte[] echo = Ipv6Packets.echoRequest();
        assertTrue(Ipv6Packets.checksumValid(echo, 58, 40));
        assertNull(inspect(echo, L3Policy.DEFAULT));
        assertEquals(6, meta.version());
        assertEquals(CLIENT_HI, meta.srcHi());
        assertEquals(CLIENT_LO, meta.srcLo());
        assertEquals(SERVER_HI, meta.dstHi());
        assertEquals(SERVER_LO, meta.dstLo());
        assertEquals(58, meta.protocol());
        assertEquals(40, meta.headerLength());
        assertFalse(meta.fragment());
    }

    @Test
    void reportsTheUpperLayerAfterExtensionHeaders() {
        byte[] payload = new byte[16];
        payload[0] = 17; // destination options, then UDP
        payload[2] = 1;
        payload[3] = 4;
        assertNull(inspect(Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 60, 64, payload), L3Policy.DEFAULT));
        assertEquals(17, meta.protocol());
        assertEquals(48, meta.headerLength());
    }

    @Test
    void refusesBrokenHeadersWithTheirReasons() {
        byte[] echo = Ipv6Packets.echoRequest();
        assertEquals(Ipv6Header.TRUNCATED, inspect(Arrays.copyOf(echo, 39), L3Policy.DEFAULT));
        assertEquals(Ipv6Header.PAYLOAD_EXCEEDS_BUFFER, inspect(Arrays.copyOf(echo, echo.length - 1), L3Policy.DEFAULT));
        byte[] hopLimitZero = echo.clone();
        hopLimitZero[7] = 0;
        assertEquals(Ipv6Protocol.HOP_LIMIT_ZERO, inspect(hopLimitZero, L3Policy.DEFAULT));
        byte[] badChain = Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 0, 64, new byte[] {17, 5, 0, 0, 0, 0, 0, 0});
        assertEquals(ExtensionHeaderChain.TRUNCATED, inspect(badChain, L3Policy.DEFAULT));
    }

    @Test
    void refusesMartianAddresses() {
        assertEquals(Ipv6Protocol.MARTIAN_SOURCE, inspect(Ipv6Packets.ipv6(0, 0, SERVER_HI, SERVER_LO, 59, 64, new byte[0]), L3Policy.DEFAULT));
        assertEquals(Ipv6Protocol.MARTIAN_SOURCE, inspect(Ipv6Packets.ipv6(0, 1, SERVER_HI, SERVER_LO, 59, 64, new byte[0]), L3Policy.DEFAULT));
        assertEquals(Ipv6Protocol.MARTIAN_SOURCE,
                inspect(Ipv6Packets.ipv6(0xff02L << 48, 1, SERVER_HI, SERVER_LO, 59, 64, new byte[0]), L3Policy.DEFAULT));
        assertEquals(Ipv6Protocol.MARTIAN_DESTINATION, inspect(Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, 0, 0, 59, 64, new byte[0]), L3Policy.DEFAULT));
        assertEquals(Ipv6Protocol.MARTIAN_DESTINATION, inspect(Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, 0, 1, 59, 64, new byte[0]), L3Policy.DEFAULT));
    }

    @Test
    void trimsBytesPastThePayloadLength() {
        byte[] padded = Arrays.copyOf(Ipv6Packets.echoRequest(), 120);
        assertEquals(104, inspected(padded, L3Policy.DEFAULT).length);
    }

    @Test
    void aPacketLargerThanTheMtuIsAnsweredWithPacketTooBig() {
        byte[] big = Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 17, 64, new byte[1400]);
        assertEquals(Ipv6Protocol.TOO_BIG, inspect(big, new L3Policy(1400, 0, 10)));
        assertEquals(IcmpError.PACKET_TOO_BIG, meta.answer());
        byte[] minimum = Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 17, 64, new byte[1240]);
        assertNull(inspect(minimum, new L3Policy(1000, 0, 10)), "1280 bytes always pass: IPv6's minimum MTU");
    }

    @Test
    void clampsTheMssTwentyBytesBelowTheIpv4Value() {
        byte[] syn = Ipv6Packets.syn();
        byte[] out = inspected(syn, CLAMP);
        assertEquals(1340, ByteBuffer.wrap(out).getShort(40 + 22));
        assertTrue(Ipv6Packets.checksumValid(out, 6, 40));
        byte[] expected = syn.clone();
        expected[62] = (byte) (1340 >>> 8);
        expected[63] = (byte) 1340;
        Ipv6Packets.fixChecksum(expected, 6, 40, 16);
        assertArrayEquals(expected, out, "the incremental update equals a recomputed checksum");
    }

    @Test
    void clampsBehindExtensionHeadersButNotInFragments() {
        byte[] tcp = Ipv6Packets.tcp(0x02, "020405a0", 0);
        byte[] withOptions = new byte[8 + tcp.length];
        withOptions[0] = 6;
        withOptions[2] = 1;
        withOptions[3] = 4;
        System.arraycopy(tcp, 0, withOptions, 8, tcp.length);
        byte[] p = Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 60, 64, withOptions);
        Ipv6Packets.fixChecksum(p, 6, 48, 16);
        byte[] out = inspected(p, CLAMP);
        assertEquals(1340, ByteBuffer.wrap(out).getShort(48 + 22));
        assertTrue(Ipv6Packets.checksumValid(out, 6, 48));

        byte[] fragmented = new byte[8 + tcp.length];
        fragmented[0] = 6;
        fragmented[3] = 0; // offset 0, last fragment: still a fragment, left alone
        fragmented[7] = 1;
        System.arraycopy(tcp, 0, fragmented, 8, tcp.length);
        byte[] f = Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 44, 64, fragmented);
        assertArrayEquals(f, inspected(f, CLAMP));
        assertTrue(meta.fragment());
    }

    @Test
    void leavesTheSynAloneWhenClampingIsOff() {
        assertArrayEquals(Ipv6Packets.syn(), inspected(Ipv6Packets.syn(), L3Policy.DEFAULT));
        assertArrayEquals(Ipv6Packets.syn(), inspected(Ipv6Packets.syn(), new L3Policy(1400, 20, 10)), "nothing is left after 20");
    }
}
