package dev.culvert.ipv4.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.route.AddressText;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ipv4HeaderTest {
    private final PacketPool pool = new PacketPool("ipv4-header-test", 4);
    private final Ipv4Header header = new Ipv4Header();

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding());
    }

    private Packet packet(String hex, int padTo) {
        byte[] head = HexFormat.of().parseHex(hex.replace(" ", ""));
        byte[] bytes = new byte[Math.max(padTo, head.length)];
        System.arraycopy(head, 0, bytes, 0, head.length);
        Packet p = pool.acquire();
        p.setContents(bytes, 0, bytes.length);
        return p;
    }

    @Test
    void readsAKnownHeaderInPlace() {
        Packet p = packet("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7", 115);
        assertNull(header.wrap(p));
        assertEquals(20, header.headerLength());
        assertEquals(115, header.totalLength());
        assertEquals(95, header.payloadLength());
        assertTrue(header.dontFragment());
        assertFalse(header.moreFragments());
        assertFalse(header.isFragment());
        assertEquals(64, header.ttl());
        assertEquals(17, header.protocol());
        assertEquals(0xb861, header.checksum());
        assertTrue(header.checksumValid());
        assertEquals("192.168.0.1", AddressText.ipv4(header.source()));
        assertEquals("192.168.0.199", AddressText.ipv4(header.destination()));
        p.putByte(8, 63);
        assertFalse(header.checksumValid(), "a changed TTL breaks the checksum");
        header.fillChecksum();
        assertTrue(header.checksumValid());
        p.release();
    }

    @Test
    void namesEachLengthFailure() {
        record Case(String hex, int length, Object reason) {
        }
        Case[] cases = {
            new Case("45", 19, Ipv4Header.TRUNCATED),
            new Case("6500 0014", 20, Ipv4Header.BAD_VERSION),
            new Case("4400 0014", 20, Ipv4Header.BAD_IHL),
            new Case("4600 0018", 20, Ipv4Header.HEADER_TRUNCATED),
            new Case("4f00 0080", 59, Ipv4Header.HEADER_TRUNCATED),
            new Case("4500 0013", 20, Ipv4Header.BAD_TOTAL_LENGTH),
            new Case("4600 0014", 24, Ipv4Header.BAD_TOTAL_LENGTH),
            new Case("4500 0015", 20, Ipv4Header.TOTAL_LENGTH_EXCEEDS_BUFFER),
        };
        for (Case c : cases) {
            Packet p = packet(c.hex, c.length);
            assertEquals(c.reason, header.wrap(p), c.hex);
            assertNull(header.packet(), "a failed wrap leaves no packet to read");
            p.release();
        }
    }

    @Test
    void recognisesFragments() {
        Packet first = packet("4500 0014 0000 2000 4011 0000 0a000001 0a000002", 20);
        assertNull(header.wrap(first));
        assertTrue(header.isFragment());
        assertEquals(0, header.fragmentOffset());
        first.putShort(6, 0x00b9);
        assertTrue(header.isFragment());
        assertFalse(header.moreFragments());
        assertEquals(185 * 8, header.fragmentOffset());
        first.putShort(6, 0x8000);
        assertTrue(header.reservedFlag());
        assertFalse(header.isFragment());
        first.release();
    }

    private static Ipv4Repr randomRepr(Random r) {
        return new Ipv4Repr(r.nextInt(), r.nextInt(), r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(0x10000),
                r.nextBoolean(), r.nextBoolean(), r.nextInt(0x2000) * 8, r.nextInt(1400));
    }

    /** Property: emit then parse gives back the value, and the emitted checksum verifies. */
    @Test
    void emitThenParseRoundTrips() {
        Random random = new Random(791);
        for (int i = 0; i < 2_000; i++) {
            Ipv4Repr repr = randomRepr(random);
            Packet p = pool.acquire();
            p.setLength(repr.headerLength() + repr.payloadLength());
            repr.emit(p, 0);
            assertNull(header.wrap(p));
            assertTrue(header.checksumValid());
            assertEquals(repr, Ipv4Repr.parse(header));
            p.release();
        }
    }

    /** Property: any valid option-free header parses and emits back to the same bytes. */
    @Test
    void parseThenEmitRoundTripsBytes() {
        Random random = new Random(1812);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[20 + random.nextInt(64)];
            random.nextBytes(bytes);
            bytes[0] = 0x45;
            bytes[2] = 0;
            bytes[3] = (byte) bytes.length;
            Packet p = pool.acquire();
            p.setContents(bytes, 0, bytes.length);
            header.wrap(p);
            header.fillChecksum();
            byte[] original = p.toByteArray();
            Ipv4Repr repr = Ipv4Repr.parse(header);
            Packet q = pool.acquire();
            q.setLength(bytes.length);
            q.putBytes(20, original, 20, bytes.length - 20);
            repr.emit(q, 0);
            // The reserved flag is not part of the value; clear it on the original to compare.
            byte[] expected = original.clone();
            if ((expected[6] & 0x80) != 0) {
                expected[6] &= 0x7f;
                Packet e = pool.acquire();
                e.setContents(expected, 0, expected.length);
                header.wrap(e);
                header.fillChecksum();
                expected = e.toByteArray();
                e.release();
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, q.toByteArray());
            p.release();
            q.release();
        }
    }
}
