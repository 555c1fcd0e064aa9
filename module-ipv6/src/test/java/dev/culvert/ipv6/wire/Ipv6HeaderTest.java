package dev.culvert.ipv6.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.route.AddressText;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ipv6HeaderTest {
    private final PacketPool pool = new PacketPool("ipv6-header-test", 4);
    private final Ipv6Header header = new Ipv6Header();

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
    void readsTheFixedHeaderInPlace() {
        // fe80::1 → ff02::1, ICMPv6, hop limit 255, traffic class 0xb8, flow label 0x12345, 24 bytes of payload.
        Packet p = packet("6b81 2345 0018 3aff fe80 0000 0000 0000 0000 0000 0000 0001 ff02 0000 0000 0000 0000 0000 0000 0001", 64);
        assertNull(header.wrap(p));
        assertEquals(0xb8, header.trafficClass());
        assertEquals(0x12345, header.flowLabel());
        assertEquals(24, header.payloadLength());
        assertEquals(64, header.totalLength());
        assertEquals(58, header.nextHeader());
        assertEquals(255, header.hopLimit());
        assertEquals("fe80::1", AddressText.ipv6(header.sourceHi(), header.sourceLo()));
        assertEquals("ff02::1", AddressText.ipv6(header.destinationHi(), header.destinationLo()));
        p.release();
    }

    @Test
    void namesEachLengthFailure() {
        Packet shortOne = packet("6000 0000 0000 3a40", 39);
        assertEquals(Ipv6Header.TRUNCATED, header.wrap(shortOne));
        shortOne.release();
        Packet v4 = packet("4500", 40);
        assertEquals(Ipv6Header.BAD_VERSION, header.wrap(v4));
        v4.release();
        Packet overlong = packet("6000 0000 0019 3a40", 64);
        assertEquals(Ipv6Header.PAYLOAD_EXCEEDS_BUFFER, header.wrap(overlong));
        assertNull(header.packet());
        overlong.release();
    }

    /** Property: emit then parse gives back the value; parse then emit gives back the bytes. */
    @Test
    void roundTrips() {
        Random random = new Random(8200);
        for (int i = 0; i < 2_000; i++) {
            Ipv6Repr repr = new Ipv6Repr(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(),
                    random.nextInt(256), random.nextInt(256), random.nextInt(256), random.nextInt(0x100000), random.nextInt(200));
            Packet p = pool.acquire();
            p.setLength(40 + repr.payloadLength());
            repr.emit(p, 0);
            assertNull(header.wrap(p));
            assertEquals(repr, Ipv6Repr.parse(header));
            byte[] emitted = p.toByteArray();
            Packet q = pool.acquire();
            q.setLength(p.length());
            Ipv6Repr.parse(header).emit(q, 0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOf(emitted, 40),
                    java.util.Arrays.copyOf(q.toByteArray(), 40));
            p.release();
            q.release();
        }
    }

    /** Property: any 40 bytes with version 6 and a fitting payload length parse and emit back unchanged. */
    @Test
    void parseThenEmitKeepsEveryByte() {
        Random random = new Random(4443);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[40 + random.nextInt(64)];
            random.nextBytes(bytes);
            bytes[0] = (byte) (0x60 | (bytes[0] & 0x0f));
            bytes[4] = 0;
            bytes[5] = (byte) (bytes.length - 40);
            Packet p = pool.acquire();
            p.setContents(bytes, 0, bytes.length);
            assertNull(header.wrap(p));
            Packet q = pool.acquire();
            q.setLength(40);
            Ipv6Repr.parse(header).emit(q, 0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOf(bytes, 40), q.toByteArray());
            p.release();
            q.release();
        }
    }
}
