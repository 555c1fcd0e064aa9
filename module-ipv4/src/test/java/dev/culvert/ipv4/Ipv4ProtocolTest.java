package dev.culvert.ipv4;

import static dev.culvert.ipv4.Ipv4Packets.CLIENT;
import static dev.culvert.ipv4.Ipv4Packets.SERVER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.ipv4.wire.Ipv4Header;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.l3.Side;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ipv4ProtocolTest {
    private static final L3Policy CLAMP_1360 = new L3Policy(1400, 1360, 10);

    private final PacketPool pool = new PacketPool("ipv4-test", 8);
    private final Ipv4Protocol ipv4 = new Ipv4Protocol(() -> 0L);
    private final L3Metadata meta = new L3Metadata();

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding());
    }

    private DropReason inspect(byte[] bytes, L3Policy policy) {
        Packet p = Ipv4Packets.load(pool, bytes);
        try {
            return ipv4.inspect(p, Side.LINK, meta, policy);
        } finally {
            p.release();
        }
    }

    private byte[] inspected(byte[] bytes, L3Policy policy) {
        Packet p = Ipv4Packets.load(pool, bytes);
        try {
            assertNull(ipv4.inspect(p, Side.TUNNEL, meta, policy));
            return p.toByteArray();
        } finally {
            p.release();
        }
    }

    @Test
    void acceptsAKnownPacketAndReportsItsAddresses() {
        assertNull(inspect(Ipv4Packets.knownUdp(), L3Policy.DEFAULT));
        assertEquals(4, meta.version());
        assertEquals(0xc0a80001, meta.srcV4());
        assertEquals(0xc0a800c7, meta.dstV4());
        assertEquals(17, meta.protocol());
        assertEquals(20, meta.headerLength());
        assertFalse(meta.fragment());
        assertNull(meta.answer());
    }

    @Test
    void refusesAFlippedBitWithBadChecksum() {
        byte[] p = Ipv4Packets.knownUdp();
        p[15] ^= 0x01;
        assertEquals(Ipv4Protocol.BAD_CHECKSUM, inspect(p, L3Policy.DEFAULT));
    }

    @Test
    void refusesHeadersThatDoNotFit() {
        byte[] p = Ipv4Packets.knownUdp();
        assertEquals(Ipv4Header.TRUNCATED, inspect(java.util.Arrays.copyOf(p, 19), L3Policy.DEFAULT));
        assertEquals(Ipv4Header.TOTAL_LENGTH_EXCEEDS_BUFFER, inspect(java.util.Arrays.copyOf(p, 114), L3Policy.DEFAULT));
        assertEquals(Ipv4Header.BAD_VERSION, inspect(new byte[20], L3Policy.DEFAULT));
    }

    @Test
    void trimsLinkPaddingPastTheTotalLength() {
        byte[] padded = java.util.Arrays.copyOf(Ipv4Packets.knownUdp(), 130);
        assertEquals(115, inspected(padded, L3Policy.DEFAULT).length);
    }

    @Test
    void refusesTtlZero() {
        byte[] p = Ipv4Packets.ipv4(CLIENT, SERVER, 17, 0, 0, new byte[8]);
        assertEquals(Ipv4Protocol.TTL_ZERO, inspect(p, L3Policy.DEFAULT));
    }

    @Test
    void recognisesFragmentsAndRefusesImpossibleOnes() {
        assertNull(inspect(Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0x2000, new byte[16]), L3Policy.DEFAULT));
        assertTrue(meta.fragment());
        assertNull(inspect(Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0x0010, new byte[5]), L3Policy.DEFAULT));
        assertTrue(meta.fragment(), "a last fragment is a fragment");
        assertEquals(Ipv4Protocol.BAD_FRAGMENT, inspect(Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0x2000, new byte[15]), L3Policy.DEFAULT),
                "a non-last fragment carries a multiple of 8 bytes");
        assertEquals(Ipv4Protocol.BAD_FRAGMENT, inspect(Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0x1fff, new byte[16]), L3Policy.DEFAULT),
                "offset 65528 plus 16 bytes ends past 65535");
    }

    @Test
    void refusesMartianAddresses() {
        int[] badSources = {0, 0x7f000001, 0xe0000001, 0xf0000001, 0xffffffff};
        for (int src : badSources) {
            assertEquals(Ipv4Protocol.MARTIAN_SOURCE, inspect(Ipv4Packets.ipv4(src, SERVER, 17, 64, 0, new byte[8]), L3Policy.DEFAULT));
        }
        assertEquals(Ipv4Protocol.MARTIAN_DESTINATION, inspect(Ipv4Packets.ipv4(CLIENT, 0, 17, 64, 0, new byte[8]), L3Policy.DEFAULT));
        assertEquals(Ipv4Protocol.MARTIAN_DESTINATION, inspect(Ipv4Packets.ipv4(CLIENT, 0x7f000001, 17, 64, 0, new byte[8]), L3Policy.DEFAULT));
        assertNull(inspect(Ipv4Packets.ipv4(CLIENT, 0xe00000fb, 17, 64, 0, new byte[8]), L3Policy.DEFAULT), "multicast destinations pass");
    }

    @Test
    void aDfPacketLargerThanTheMtuIsAnsweredWithFragmentationNeeded() {
        byte[] big = Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0x4000, new byte[1400]);
        assertEquals(Ipv4Protocol.TOO_BIG, inspect(big, new L3Policy(1400, 0, 10)));
        assertEquals(IcmpError.PACKET_TOO_BIG, meta.answer());
        byte[] fits = Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0x4000, new byte[1380]);
        assertNull(inspect(fits, new L3Policy(1400, 0, 10)));
        byte[] noDf = Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0, new byte[1400]);
        assertNull(inspect(noDf, new L3Policy(1400, 0, 10)), "without DF the outer packet may be fragmented instead");
    }

    @Test
    void clampsTheMssOfASynAndKeepsBothChecksumsValid() {
        byte[] syn = Ipv4Packets.linuxSyn();
        assertTrue(Ipv4Packets.tcpChecksumValid(syn));
        byte[] out = inspected(syn, CLAMP_1360);
        assertEquals(1360, ByteBuffer.wrap(out).getShort(20 + 22));
        assertTrue(Ipv4Packets.tcpChecksumValid(out));
        byte[] expected = syn.clone();
        expected[42] = (byte) (1360 >>> 8);
        expected[43] = (byte) 1360;
        Ipv4Packets.fixTcpChecksum(expected);
        assertArrayEquals(expected, out, "the incremental update equals a recomputed checksum");
    }

    @Test
    void clampsSynAcksAndLeavesOtherSegmentsAlone() {
        byte[] synAck = Ipv4Packets.tcpPacket(SERVER, CLIENT, 0, Ipv4Packets.tcp(0x12, "020405b4", 0));
        assertEquals(1360, ByteBuffer.wrap(inspected(synAck, CLAMP_1360)).getShort(42));
        byte[] ack = Ipv4Packets.tcpPacket(CLIENT, SERVER, 0, Ipv4Packets.tcp(0x10, "020405b4", 100));
        assertArrayEquals(ack, inspected(ack, CLAMP_1360));
        byte[] lowMss = Ipv4Packets.tcpPacket(CLIENT, SERVER, 0, Ipv4Packets.tcp(0x02, "02040200", 0));
        assertArrayEquals(lowMss, inspected(lowMss, CLAMP_1360));
    }

    @Test
    void leavesFragmentsMalformedOptionsAndDisabledClampingAlone() {
        byte[] fragment = Ipv4Packets.tcpPacket(CLIENT, SERVER, 0x2000, Ipv4Packets.tcp(0x02, "020405b4 01010101 01010101", 0));
        assertArrayEquals(fragment, inspected(fragment, CLAMP_1360));
        byte[] malformed = Ipv4Packets.tcpPacket(CLIENT, SERVER, 0, Ipv4Packets.tcp(0x02, "020405b4 0800 0000", 0));
        assertArrayEquals(malformed, inspected(malformed, CLAMP_1360));
        assertArrayEquals(Ipv4Packets.linuxSyn(), inspected(Ipv4Packets.linuxSyn(), new L3Policy(1400, 0, 10)));
    }

    @Test
    void aTruncatedTcpHeaderPassesUntouched() {
        byte[] shortTcp = Ipv4Packets.ipv4(CLIENT, SERVER, 6, 64, 0, new byte[10]);
        assertArrayEquals(shortTcp, inspected(shortTcp, CLAMP_1360));
    }

    /** A 20-byte header plus options, with a correct checksum. */
    private static byte[] withOptions(String options) {
        byte[] opts = Ipv4Packets.hex(options);
        byte[] plain = Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0, new byte[8]);
        byte[] p = new byte[plain.length + opts.length];
        System.arraycopy(plain, 0, p, 0, 20);
        System.arraycopy(opts, 0, p, 20, opts.length);
        System.arraycopy(plain, 20, p, 20 + opts.length, 8);
        p[0] = (byte) (0x40 | (5 + opts.length / 4));
        p[3] = (byte) p.length;
        Ipv4Packets.fixHeaderChecksum(p);
        return p;
    }

    @Test
    void walksOptionsAndRefusesSourceRoutes() {
        assertNull(inspect(withOptions("94040000"), L3Policy.DEFAULT), "router alert passes");
        assertEquals(24, meta.headerLength());
        assertNull(inspect(withOptions("01010100"), L3Policy.DEFAULT), "NOPs and end of list");
        assertNull(inspect(withOptions("00ffffff"), L3Policy.DEFAULT), "nothing after end of list is read");
        assertEquals(dev.culvert.ipv4.wire.Ipv4Options.SOURCE_ROUTE, inspect(withOptions("83070400 0a000001"), L3Policy.DEFAULT));
        assertEquals(dev.culvert.ipv4.wire.Ipv4Options.SOURCE_ROUTE, inspect(withOptions("89070400 0a000001"), L3Policy.DEFAULT));
        assertEquals(dev.culvert.ipv4.wire.Ipv4Options.MALFORMED, inspect(withOptions("07000000"), L3Policy.DEFAULT), "length 0");
        assertEquals(dev.culvert.ipv4.wire.Ipv4Options.MALFORMED, inspect(withOptions("01010107"), L3Policy.DEFAULT), "runs past IHL");
        assertEquals(dev.culvert.ipv4.wire.Ipv4Options.MALFORMED, inspect(withOptions("44090000"), L3Policy.DEFAULT), "timestamp past IHL");
    }
}
