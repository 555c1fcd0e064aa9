package dev.culvert.core.offload;

import static dev.culvert.core.offload.SuperPackets.TCP;
import static dev.culvert.core.offload.SuperPackets.UDP;
import static dev.culvert.core.offload.SuperPackets.build;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TcpCoalescerTest {
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;

    private final PacketPool pool = new PacketPool("coalesce-test", 1024);
    private final TcpCoalescer coalescer = new TcpCoalescer();
    private final List<Packet> held = new ArrayList<>();

    @AfterEach
    void releaseAll() {
        held.forEach(Packet::release);
        assertEquals(0, pool.outstanding());
    }

    @ParameterizedTest(name = "IPv{0}, {1} payload bytes in segments of {2}")
    @CsvSource({"4, 20000, 1448", "6, 20000, 1428", "4, 65483, 1448", "6, 2897, 1428", "4, 3000, 1000", "6, 501, 1"})
    void segmentsJoinedAndCutAgainAreTheSegmentsByteForByte(int version, int payload, int gsoSize) {
        boolean ipv4 = version == 4;
        List<Packet> segments = split(build(ipv4, TCP, payload, ipv4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6, gsoSize, ACK | PSH, 12));
        List<ByteBuffer> joined = joinAll(segments);
        assertEquals(1, joined.size(), "one stream in sequence becomes one super-packet");
        ByteBuffer superPacket = joined.get(0);
        VirtioNetHeader header = new VirtioNetHeader(superPacket, 0);
        if (segments.size() > 1) {
            assertEquals(ipv4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6, header.gsoType());
            assertEquals(gsoSize, header.gsoSize());
            assertTrue(header.needsChecksum());
            assertEquals(ipv4 ? 20 : 40, header.checksumStart());
            assertEquals(16, header.checksumOffset());
            if (ipv4) {
                long sum = dev.culvert.core.checksum.InternetChecksum.add(0, superPacket, VirtioNetHeader.SIZE, 20);
                assertEquals(0xffff, dev.culvert.core.checksum.InternetChecksum.fold(sum), "the joined IPv4 header's checksum");
                assertEquals(superPacket.capacity() - VirtioNetHeader.SIZE, superPacket.getShort(VirtioNetHeader.SIZE + 2) & 0xffff,
                        "its total length is the super-packet's");
            }
        }
        List<Packet> again = split(superPacket);
        assertEquals(segments.size(), again.size());
        for (int i = 0; i < segments.size(); i++) {
            assertArrayEquals(segments.get(i).toByteArray(), again.get(i).toByteArray(), "segment " + i);
        }
    }

    @Test
    void aSegmentWithPshEndsTheSuperPacketAndTheNextStartsAnother() {
        List<Packet> first = split(build(true, TCP, 3000, VirtioNetHeader.GSO_TCPV4, 1000, ACK | PSH, 0));
        assertTrue(coalescer.start(first.get(0)));
        assertTrue(coalescer.append(first.get(1)));
        assertTrue(coalescer.append(first.get(2)), "the last, with PSH, joins");
        Packet more = copyOf(first.get(2));
        more.putInt(24, more.getInt(24) + 1000);
        assertFalse(coalescer.append(more), "nothing joins after PSH");
        coalescer.finish();
    }

    @Test
    void aShortSegmentEndsTheSuperPacket() {
        List<Packet> segments = split(build(true, TCP, 2500, VirtioNetHeader.GSO_TCPV4, 1000, ACK, 0));
        assertTrue(coalescer.start(segments.get(0)));
        assertTrue(coalescer.append(segments.get(2)) == false, "out of sequence");
        assertTrue(coalescer.append(segments.get(1)));
        assertTrue(coalescer.append(segments.get(2)), "500 bytes after 1000: joins, and ends it");
        assertEquals(3, coalescer.count());
        Packet next = copyOf(segments.get(1));
        next.putInt(24, next.getInt(24) + 1500);
        assertFalse(coalescer.append(next));
        coalescer.finish();
    }

    @Test
    void aLargerSegmentThanTheFirstDoesNotJoin() {
        List<Packet> small = split(build(true, TCP, 1000, VirtioNetHeader.GSO_TCPV4, 500, ACK, 0));
        List<Packet> large = split(build(true, TCP, 2000, VirtioNetHeader.GSO_TCPV4, 1000, ACK, 0));
        assertTrue(coalescer.start(small.get(0)));
        Packet bigger = copyOf(large.get(1));
        bigger.putInt(24, small.get(0).getInt(24) + 500);
        assertFalse(coalescer.append(bigger));
        coalescer.finish();
    }

    @Test
    void aSegmentWhoseChecksumFailsJoinsNothingAndHeadsNothing() {
        List<Packet> segments = split(build(false, TCP, 3000, VirtioNetHeader.GSO_TCPV6, 1000, ACK, 0));
        Packet corrupt = segments.get(1);
        corrupt.putByte(100, corrupt.getUnsignedByte(100) ^ 1);
        assertTrue(coalescer.start(segments.get(0)));
        assertFalse(coalescer.append(corrupt), "a corrupt segment is not made to look whole");
        coalescer.finish();
        assertFalse(coalescer.start(corrupt));
        assertFalse(coalescer.holding());
    }

    @Test
    void headersThatDifferInWhatSegmentsShareDoNotJoin() {
        List<Packet> segments = split(build(true, TCP, 3000, VirtioNetHeader.GSO_TCPV4, 1000, ACK, 0));
        assertTrue(coalescer.start(segments.get(0)));
        Packet otherAck = copyOf(segments.get(1));
        otherAck.putInt(28, otherAck.getInt(28) + 1);
        fixTcpChecksum(otherAck);
        assertFalse(coalescer.append(otherAck), "another acknowledgment number");
        Packet otherWindow = copyOf(segments.get(1));
        otherWindow.putShort(34, 1);
        fixTcpChecksum(otherWindow);
        assertFalse(coalescer.append(otherWindow), "another window");
        Packet otherTos = copyOf(segments.get(1));
        otherTos.putByte(1, 0x03);
        assertFalse(coalescer.append(otherTos), "another TOS (an ECN mark)");
        assertTrue(coalescer.append(segments.get(1)));
        coalescer.finish();
    }

    @Test
    void whatTheKernelsGroWouldNotJoinHeadsNothing() {
        Packet noDf = split(build(true, TCP, 1000, VirtioNetHeader.GSO_TCPV4, 1000, ACK, 0)).get(0);
        noDf.putShort(6, 0);
        fixIpChecksum(noDf);
        assertFalse(coalescer.start(noDf), "IPv4 without DF");
        assertFalse(coalescer.start(split(build(true, UDP, 1000, VirtioNetHeader.GSO_NONE, 0, 0, 0)).get(0)), "UDP");
        assertFalse(coalescer.start(split(build(true, TCP, 1000, VirtioNetHeader.GSO_TCPV4, 1000, ACK | 0x01, 0)).get(0)), "FIN");
        assertFalse(coalescer.start(split(build(true, TCP, 0, VirtioNetHeader.GSO_TCPV4, 1000, ACK, 0)).get(0)), "a bare ACK");
        assertFalse(coalescer.holding());
    }

    @Test
    void aSingleSegmentIsWrittenAsItCameWithAPlainHeader() {
        Packet only = split(build(false, TCP, 700, VirtioNetHeader.GSO_TCPV6, 1428, ACK | PSH, 0)).get(0);
        assertTrue(coalescer.start(only));
        int n = coalescer.finish();
        ByteBuffer out = coalescer.buffer();
        assertEquals(VirtioNetHeader.SIZE + only.length(), n);
        for (int i = 0; i < VirtioNetHeader.SIZE; i++) {
            assertEquals(0, out.get(i));
        }
        byte[] written = new byte[only.length()];
        out.get(VirtioNetHeader.SIZE, written);
        assertArrayEquals(only.toByteArray(), written);
    }

    private List<ByteBuffer> joinAll(List<Packet> segments) {
        List<ByteBuffer> out = new ArrayList<>();
        for (Packet s : segments) {
            if (coalescer.holding() && coalescer.append(s)) {
                continue;
            }
            if (coalescer.holding()) {
                out.add(finished());
            }
            assertTrue(coalescer.start(s));
        }
        out.add(finished());
        return out;
    }

    private ByteBuffer finished() {
        int n = coalescer.finish();
        ByteBuffer copy = ByteBuffer.allocateDirect(n);
        copy.put(0, coalescer.buffer(), 0, n);
        return copy;
    }

    private List<Packet> split(ByteBuffer in) {
        SuperPacketSplitter splitter = new SuperPacketSplitter(new OffloadDrops());
        assertTrue(splitter.load(in, 0, VirtioNetHeader.SIZE, in.capacity() - VirtioNetHeader.SIZE));
        PacketBatch batch = new PacketBatch(64);
        List<Packet> out = new ArrayList<>();
        while (splitter.pending()) {
            splitter.emit(batch, pool);
            for (int i = 0; i < batch.size(); i++) {
                out.add(batch.get(i));
            }
            batch.clear();
        }
        held.addAll(out);
        return out;
    }

    private Packet copyOf(Packet p) {
        Packet copy = pool.acquire();
        p.copyTo(copy);
        held.add(copy);
        return copy;
    }

    private static void fixTcpChecksum(Packet p) {
        p.putShort(36, 0);
        long sum = dev.culvert.core.checksum.InternetChecksum.pseudoHeader(p, TCP, p.length() - 20);
        p.putShort(36, dev.culvert.core.checksum.InternetChecksum.finish(dev.culvert.core.checksum.InternetChecksum.add(sum, p, 20, p.length() - 20)));
    }

    private static void fixIpChecksum(Packet p) {
        p.putShort(10, 0);
        p.putShort(10, dev.culvert.core.checksum.InternetChecksum.compute(p, 0, 20));
    }
}
