package dev.culvert.core.l3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.core.checksum.InternetChecksum;
import dev.culvert.core.l3.TcpMssClamp.Result;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpMssClampTest {
    private static final int SRC = 0x0a080001;
    private static final int DST = 0x0a080002;
    private final PacketPool pool = new PacketPool("mss-test", 4);

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding());
    }

    /** A TCP header (ports 40000 → 443, seq 1) with the given flags and options, checksummed over an IPv4 pseudo-header. */
    private Packet segment(int flags, String options) {
        byte[] opts = HexFormat.of().parseHex(options.replace(" ", ""));
        int length = 20 + opts.length;
        byte[] tcp = new byte[length];
        tcp[0] = (byte) 0x9c; tcp[1] = 0x40; tcp[2] = 0x01; tcp[3] = (byte) 0xbb;
        tcp[7] = 1;
        tcp[12] = (byte) ((length / 4) << 4);
        tcp[13] = (byte) flags;
        tcp[14] = (byte) 0xfa; tcp[15] = (byte) 0xf0;
        System.arraycopy(opts, 0, tcp, 20, opts.length);
        Packet p = pool.acquire();
        p.setContents(tcp, 0, length);
        long sum = InternetChecksum.ipv4PseudoHeader(SRC, DST, 6, length);
        p.putShort(16, InternetChecksum.finish(InternetChecksum.add(sum, p, 0, length)));
        return p;
    }

    private static boolean checksumValid(Packet p) {
        long sum = InternetChecksum.ipv4PseudoHeader(SRC, DST, 6, p.length());
        return InternetChecksum.fold(InternetChecksum.add(sum, p, 0, p.length())) == 0xffff;
    }

    @Test
    void lowersTheMssOfALinuxSynAndKeepsTheChecksumValid() {
        // MSS 1460, SACK permitted, timestamps, NOP, window scale 7: what Linux sends.
        Packet p = segment(0x02, "020405b4 0402 080a 00000001 00000000 01 030307");
        assertEquals(Result.CLAMPED, TcpMssClamp.clamp(p, 0, p.length(), 1360));
        assertEquals(1360, p.getUnsignedShort(22));
        assertEquals(true, checksumValid(p));
        p.release();
    }

    @Test
    void handlesAnMssOptionAtAnOddOffset() {
        Packet p = segment(0x12, "01 020405b4 010101");
        assertEquals(Result.CLAMPED, TcpMssClamp.clamp(p, 0, p.length(), 1200));
        assertEquals(1200, p.getUnsignedShort(23));
        assertEquals(true, checksumValid(p));
        p.release();
    }

    @Test
    void leavesAnMssWithinTheLimitAlone() {
        Packet p = segment(0x02, "02040400");
        byte[] before = p.toByteArray();
        assertEquals(Result.UNCHANGED, TcpMssClamp.clamp(p, 0, p.length(), 1360));
        assertArrayEquals(before, p.toByteArray());
        p.release();
    }

    @Test
    void ignoresSegmentsThatAreNotSyns() {
        Packet p = segment(0x10, "020405b4");
        assertEquals(Result.NOT_SYN, TcpMssClamp.clamp(p, 0, p.length(), 1360));
        assertEquals(1460, p.getUnsignedShort(22));
        p.release();
    }

    @Test
    void stopsAtEndOfOptionList() {
        Packet p = segment(0x02, "00 0405b4 00000000");
        assertEquals(Result.UNCHANGED, TcpMssClamp.clamp(p, 0, p.length(), 1360));
        p.release();
    }

    @Test
    void refusesMalformedOptionsWithoutWriting() {
        String[] malformed = {
            "020005b4",          // length 0 would loop forever
            "020305b4",          // MSS with length 3
            "08 0a 000000",      // timestamps running past the header
            "01010102",          // a kind with no length byte before the end
            "020405b4 0401 0000" // valid MSS, then SACK-permitted with length 1
        };
        for (String options : malformed) {
            Packet p = segment(0x02, options);
            byte[] before = p.toByteArray();
            assertEquals(Result.MALFORMED, TcpMssClamp.clamp(p, 0, p.length(), 1000), options);
            assertArrayEquals(before, p.toByteArray(), options);
            p.release();
        }
    }

    @Test
    void refusesBadLengthsAndDataOffsets() {
        Packet p = segment(0x02, "020405b4");
        assertEquals(Result.MALFORMED, TcpMssClamp.clamp(p, 0, 19, 1000));
        assertEquals(Result.MALFORMED, TcpMssClamp.clamp(p, 0, p.length() + 1, 1000));
        assertEquals(Result.MALFORMED, TcpMssClamp.clamp(p, -1, 20, 1000));
        p.putByte(12, 0x40);
        assertEquals(Result.MALFORMED, TcpMssClamp.clamp(p, 0, p.length(), 1000), "data offset 16 is below 20");
        p.putByte(12, 0x70);
        assertEquals(Result.MALFORMED, TcpMssClamp.clamp(p, 0, p.length(), 1000), "data offset 28 is past the segment");
        p.release();
    }

    @Test
    void aZeroLimitMeansOff() {
        Packet p = segment(0x02, "020405b4");
        assertEquals(Result.UNCHANGED, TcpMssClamp.clamp(p, 0, p.length(), 0));
        assertEquals(1460, p.getUnsignedShort(22));
        p.release();
    }
}
