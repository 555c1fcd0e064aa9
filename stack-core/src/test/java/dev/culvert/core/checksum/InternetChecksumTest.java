package dev.culvert.core.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {
    private final PacketPool pool = new PacketPool("checksum-test", 4);

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding());
    }

    private Packet packetOf(byte[] bytes) {
        Packet p = pool.acquire();
        p.setContents(bytes, 0, bytes.length);
        return p;
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void rfc1071ExampleSumsToDdf2() {
        Packet p = packetOf(hex("0001 f203 f4f5 f6f7"));
        assertEquals(0xddf2, InternetChecksum.fold(InternetChecksum.add(0, p, 0, 8)));
        assertEquals(0x220d, InternetChecksum.compute(p, 0, 8));
        p.release();
    }

    @Test
    void knownIpv4HeaderChecksumIsB861() {
        Packet p = packetOf(hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7"));
        assertEquals(0xb861, InternetChecksum.compute(p, 0, 20));
        assertFalse(InternetChecksum.verifies(p, 0, 20));
        p.putShort(10, 0xb861);
        assertTrue(InternetChecksum.verifies(p, 0, 20));
        p.release();
    }

    @Test
    void oddLengthPadsTheLastByteWithZero() {
        Packet odd = packetOf(hex("0102 03"));
        Packet padded = pool.acquire();
        padded.setContents(hex("0102 0300"), 0, 4);
        assertEquals(InternetChecksum.compute(padded, 0, 4), InternetChecksum.compute(odd, 0, 3));
        odd.release();
        padded.release();
    }

    @Test
    void pseudoHeadersSumTheirFields() {
        long v4 = InternetChecksum.ipv4PseudoHeader(0xc0a80001, 0x0a000002, 6, 40);
        assertEquals(0xc0a8 + 0x0001 + 0x0a00 + 0x0002 + 6 + 40, v4);
        long v6 = InternetChecksum.ipv6PseudoHeader(0x2001_0db8_0000_0000L, 1, 0x2001_0db8_0000_0000L, 2, 58, 16);
        assertEquals(2 * (0x2001 + 0x0db8) + 1 + 2 + 16 + 58, v6);
    }

    /** Property: rewriting one 16-bit field at any alignment, the incremental checksum equals a fresh one. */
    @Test
    void incrementalUpdateAtAnyOffsetEqualsRecomputation() {
        Random random = new Random(0x1624);
        for (int round = 0; round < 5_000; round++) {
            int length = 2 + random.nextInt(120);
            byte[] data = new byte[length];
            random.nextBytes(data);
            if (random.nextInt(8) == 0) {
                java.util.Arrays.fill(data, (byte) 0xff);
            }
            Packet p = packetOf(data);
            int before = InternetChecksum.compute(p, 0, length);
            int at = random.nextInt(length - 1);
            int oldValue = p.getUnsignedShort(at);
            int newValue = random.nextInt(3) == 0 ? 0 : random.nextInt(0x10000);
            p.putShort(at, newValue);
            if (!allZero(p)) {
                int recomputed = InternetChecksum.compute(p, 0, length);
                assertEquals(recomputed, InternetChecksum.updateAt(before, at, oldValue, newValue),
                        () -> "length " + length + " field at " + at + " " + oldValue + "->" + newValue);
            }
            p.release();
        }
    }

    /** The all-zero message is the one case where one's complement has two zeros; it never occurs under a pseudo-header. */
    private static boolean allZero(Packet p) {
        for (int i = 0; i < p.length(); i++) {
            if (p.getUnsignedByte(i) != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void updateIntEqualsRecomputationForAnAddressChange() {
        Packet p = packetOf(hex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7"));
        int updated = InternetChecksum.updateInt(0xb861, 0xc0a80001, 0x0a080808);
        p.putInt(12, 0x0a080808);
        p.putShort(10, 0);
        assertEquals(InternetChecksum.compute(p, 0, 20), updated);
        p.release();
    }
}
