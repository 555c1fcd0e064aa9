package dev.culvert.core.offload;

import static dev.culvert.core.offload.SuperPackets.IP_ID;
import static dev.culvert.core.offload.SuperPackets.SEQUENCE;
import static dev.culvert.core.offload.SuperPackets.TCP;
import static dev.culvert.core.offload.SuperPackets.UDP;
import static dev.culvert.core.offload.SuperPackets.build;
import static dev.culvert.core.offload.SuperPackets.payloadByte;
import static dev.culvert.core.offload.SuperPackets.transportChecksumVerifies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.checksum.InternetChecksum;
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

class SuperPacketSplitterTest {
    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;
    private static final int CWR = 0x80;

    private final OffloadDrops drops = new OffloadDrops();
    private final SuperPacketSplitter splitter = new SuperPacketSplitter(drops);
    private final PacketPool pool = new PacketPool("offload-test", 1024);

    @AfterEach
    void everyBufferCameBack() {
        assertEquals(0, pool.outstanding(), "pooled buffers balance");
    }

    @ParameterizedTest(name = "IPv{0} TCP, {1} payload bytes cut at {2}")
    @CsvSource({
        "4, 10000, 1448", "6, 10000, 1428", "4, 65483, 1448", "6, 65475, 1428",
        "4, 1448, 1448", "4, 1449, 1448", "6, 1, 1428", "4, 0, 1448", "4, 999, 1", "6, 5000, 1337",
    })
    void aTcpSuperPacketBecomesSegmentsThatAreEachAWholeValidPacket(int version, int payload, int gsoSize) {
        boolean ipv4 = version == 4;
        int type = ipv4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6;
        ByteBuffer in = build(ipv4, TCP, payload, type, gsoSize, ACK | PSH | FIN | CWR, 12);
        List<Packet> segments = cutAll(in);

        int expected = payload == 0 ? 1 : (payload + gsoSize - 1) / gsoSize;
        assertEquals(expected, segments.size());
        int ipHeader = ipv4 ? 20 : 40;
        int headers = ipHeader + 32;
        int at = 0;
        for (int i = 0; i < segments.size(); i++) {
            Packet s = segments.get(i);
            int carried = s.length() - headers;
            assertEquals(Math.min(gsoSize, payload - at), carried, "segment " + i + " carries gso_size bytes, the last the rest");
            if (ipv4) {
                assertEquals(s.length(), s.getUnsignedShort(2), "IPv4 total length is the segment's");
                assertEquals((IP_ID + i) & 0xffff, s.getUnsignedShort(4), "the identification advances per segment");
                assertTrue(InternetChecksum.verifies(s, 0, 20), "IPv4 header checksum");
            } else {
                assertEquals(s.length() - 40, s.getUnsignedShort(4), "IPv6 payload length is the segment's");
            }
            assertEquals((SEQUENCE + at) & 0xffffffffL, s.getUnsignedInt(ipHeader + 4), "the sequence number advances by what came before");
            int flags = s.getUnsignedByte(ipHeader + 13);
            boolean last = i == segments.size() - 1;
            assertEquals(last, (flags & FIN) != 0, "FIN only on the last");
            assertEquals(last, (flags & PSH) != 0, "PSH only on the last");
            assertEquals(i == 0, (flags & CWR) != 0, "CWR only on the first");
            assertTrue((flags & ACK) != 0, "ACK on every one");
            assertEquals(32, (s.getUnsignedByte(ipHeader + 12) >>> 4) * 4, "options copied into each");
            assertTrue(transportChecksumVerifies(s), "segment " + i + " TCP checksum");
            for (int j = 0; j < carried; j++) {
                assertEquals(payloadByte(at + j), (byte) s.getUnsignedByte(headers + j), "payload byte " + (at + j));
            }
            at += carried;
        }
        assertEquals(payload, at, "the payload crosses whole and in order");
        assertEquals(expected > 1 ? 1 : 0, splitter.superPackets());
        assertEquals(expected, splitter.segments());
        assertEquals(0, drops.total());
        release(segments);
    }

    @ParameterizedTest(name = "IPv{0} UDP, {1} payload bytes cut at {2}")
    @CsvSource({"4, 14000, 1400", "6, 14001, 1400", "4, 3, 1400", "6, 65000, 1232"})
    void aUdpSuperPacketBecomesDatagramsWithTheirOwnLengthAndChecksum(int version, int payload, int gsoSize) {
        boolean ipv4 = version == 4;
        List<Packet> datagrams = cutAll(build(ipv4, UDP, payload, VirtioNetHeader.GSO_UDP_L4, gsoSize, 0, 0));
        assertEquals((payload + gsoSize - 1) / gsoSize, datagrams.size());
        int ipHeader = ipv4 ? 20 : 40;
        int at = 0;
        for (Packet d : datagrams) {
            int carried = d.length() - ipHeader - 8;
            assertEquals(Math.min(gsoSize, payload - at), carried);
            assertEquals(8 + carried, d.getUnsignedShort(ipHeader + 4), "UDP length is the datagram's");
            assertTrue(d.getUnsignedShort(ipHeader + 6) != 0, "a UDP checksum, never 'none'");
            assertTrue(transportChecksumVerifies(d), "UDP checksum");
            assertEquals(payloadByte(at), (byte) d.getUnsignedByte(ipHeader + 8));
            at += carried;
        }
        assertEquals(payload, at);
        release(datagrams);
    }

    @ParameterizedTest(name = "IPv{0}, protocol {1}")
    @CsvSource({"4, 6", "6, 6", "4, 17", "6, 17"})
    void aWholePacketLeftWithAPartialChecksumIsCompleted(int version, int protocol) {
        boolean ipv4 = version == 4;
        ByteBuffer in = build(ipv4, protocol, 333, VirtioNetHeader.GSO_NONE, 0, ACK, 0);
        VirtioNetHeader.put(in, 0, VirtioNetHeader.FLAG_NEEDS_CSUM, VirtioNetHeader.GSO_NONE, 0, 0, ipv4 ? 20 : 40, protocol == TCP ? 16 : 6);
        SuperPackets.putPartialChecksum(in, ipv4, protocol);
        List<Packet> out = cutAll(in);
        assertEquals(1, out.size());
        assertTrue(transportChecksumVerifies(out.get(0)));
        assertEquals(1, splitter.checksumsCompleted());
        release(out);
    }

    @Test
    void aPacketThatAsksForNothingCrossesByteForByte() {
        ByteBuffer in = build(true, UDP, 100, VirtioNetHeader.GSO_NONE, 0, 0, 0);
        byte[] before = new byte[in.capacity() - VirtioNetHeader.SIZE];
        in.get(VirtioNetHeader.SIZE, before);
        List<Packet> out = cutAll(in);
        assertEquals(1, out.size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, out.get(0).toByteArray());
        assertEquals(0, splitter.checksumsCompleted());
        release(out);
    }

    @Test
    void segmentsThatDoNotFitOneBatchComeWithTheNextCall() {
        ByteBuffer in = build(true, TCP, 20 * 1000, VirtioNetHeader.GSO_TCPV4, 1000, ACK, 0);
        assertTrue(splitter.load(in, 0, VirtioNetHeader.SIZE, in.capacity() - VirtioNetHeader.SIZE));
        PacketBatch batch = new PacketBatch(8);
        List<Long> sequences = new ArrayList<>();
        int calls = 0;
        while (splitter.pending()) {
            assertEquals(Math.min(8, 20 - sequences.size()), splitter.emit(batch, pool));
            for (int i = 0; i < batch.size(); i++) {
                sequences.add(batch.get(i).getUnsignedInt(24));
            }
            batch.releaseAll();
            calls++;
        }
        assertEquals(3, calls);
        for (int i = 0; i < 20; i++) {
            assertEquals((SEQUENCE + i * 1000L) & 0xffffffffL, sequences.get(i), "in order across calls");
        }
    }

    @Test
    void whenThePoolRunsDryTheRestOfTheSuperPacketIsDroppedAndCounted() {
        PacketPool small = new PacketPool("offload-small", 3);
        ByteBuffer in = build(true, TCP, 7 * 1000, VirtioNetHeader.GSO_TCPV4, 1000, ACK, 0);
        assertTrue(splitter.load(in, 0, VirtioNetHeader.SIZE, in.capacity() - VirtioNetHeader.SIZE));
        PacketBatch batch = new PacketBatch(64);
        assertEquals(3, splitter.emit(batch, small));
        assertFalse(splitter.pending(), "nothing is held while the worker waits for buffers");
        assertEquals(4, drops.get(OffloadDrops.POOL_EXHAUSTED));
        batch.releaseAll();
        assertEquals(0, small.outstanding());
    }

    @Test
    void aSegmentLargerThanAPooledBufferIsDroppedAndCounted() {
        PacketPool tiny = new PacketPool("offload-tiny", 8, 512, 128);
        ByteBuffer in = build(false, TCP, 3 * 1428, VirtioNetHeader.GSO_TCPV6, 1428, ACK, 0);
        assertTrue(splitter.load(in, 0, VirtioNetHeader.SIZE, in.capacity() - VirtioNetHeader.SIZE));
        assertEquals(0, splitter.emit(new PacketBatch(), tiny));
        assertEquals(3, drops.get(OffloadDrops.TOO_LARGE));
        assertEquals(0, tiny.outstanding());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a TCPv4 type over IPv6, 6, 1, 6, 40, 16, 1000",
        "a TCPv6 type over IPv4, 4, 4, 6, 20, 16, 1000",
        "a segment size of 0, 4, 1, 6, 20, 16, 0",
        "a checksum start inside the IPv4 header, 4, 1, 6, 12, 16, 1000",
        "a checksum offset that is not TCP's, 4, 1, 6, 20, 6, 1000",
        "a UDP type over TCP, 4, 5, 6, 20, 6, 1000",
        "an IPv6 checksum start inside its header, 6, 4, 6, 20, 16, 1000",
    })
    void aSuperPacketWhoseHeadersDisagreeIsRefusedAndCounted(String what, int version, int gsoType, int protocol, int checksumStart,
            int checksumOffset, int gsoSize) {
        ByteBuffer in = build(version == 4, protocol, 5000, VirtioNetHeader.GSO_NONE, 0, ACK, 0);
        VirtioNetHeader.put(in, 0, VirtioNetHeader.FLAG_NEEDS_CSUM, gsoType, 0, gsoSize, checksumStart, checksumOffset);
        assertFalse(splitter.load(in, 0, VirtioNetHeader.SIZE, in.capacity() - VirtioNetHeader.SIZE), what);
        assertEquals(1, drops.get(OffloadDrops.MALFORMED), what);
        assertFalse(splitter.pending());
    }

    @Test
    void lengthFieldsThatAreNotThePacketsLengthAreRefused() {
        ByteBuffer v4 = build(true, TCP, 5000, VirtioNetHeader.GSO_TCPV4, 1000, ACK, 0);
        v4.putShort(VirtioNetHeader.SIZE + 2, (short) 4000);
        assertFalse(splitter.load(v4, 0, VirtioNetHeader.SIZE, v4.capacity() - VirtioNetHeader.SIZE));
        ByteBuffer v6 = build(false, TCP, 5000, VirtioNetHeader.GSO_TCPV6, 1000, ACK, 0);
        v6.putShort(VirtioNetHeader.SIZE + 4, (short) 6000);
        assertFalse(splitter.load(v6, 0, VirtioNetHeader.SIZE, v6.capacity() - VirtioNetHeader.SIZE));
        ByteBuffer fragment = build(true, TCP, 5000, VirtioNetHeader.GSO_TCPV4, 1000, ACK, 0);
        fragment.putShort(VirtioNetHeader.SIZE + 6, (short) 0x2000); // more fragments
        assertFalse(splitter.load(fragment, 0, VirtioNetHeader.SIZE, fragment.capacity() - VirtioNetHeader.SIZE));
        ByteBuffer shortTcp = build(true, TCP, 5000, VirtioNetHeader.GSO_TCPV4, 1000, ACK, 0);
        shortTcp.put(VirtioNetHeader.SIZE + 20 + 12, (byte) 0x40); // 16-byte TCP header
        assertFalse(splitter.load(shortTcp, 0, VirtioNetHeader.SIZE, shortTcp.capacity() - VirtioNetHeader.SIZE));
        assertEquals(4, drops.get(OffloadDrops.MALFORMED));
    }

    @Test
    void udpFragmentationIsATypeNeverAskedForAndIsRefused() {
        ByteBuffer in = build(true, UDP, 5000, VirtioNetHeader.GSO_UDP, 1000, 0, 0);
        assertFalse(splitter.load(in, 0, VirtioNetHeader.SIZE, in.capacity() - VirtioNetHeader.SIZE));
        assertEquals(1, drops.get(OffloadDrops.UNSUPPORTED_TYPE));
    }

    @Test
    void aChecksumToCompletePastThePacketsEndIsRefused() {
        ByteBuffer in = build(true, UDP, 10, VirtioNetHeader.GSO_NONE, 0, 0, 0);
        VirtioNetHeader.put(in, 0, VirtioNetHeader.FLAG_NEEDS_CSUM, VirtioNetHeader.GSO_NONE, 0, 0, 20, 17);
        assertFalse(splitter.load(in, 0, VirtioNetHeader.SIZE, in.capacity() - VirtioNetHeader.SIZE));
        assertEquals(1, drops.get(OffloadDrops.MALFORMED));
    }

    private List<Packet> cutAll(ByteBuffer in) {
        assertTrue(splitter.load(in, 0, VirtioNetHeader.SIZE, in.capacity() - VirtioNetHeader.SIZE), "loaded: " + drops.snapshot());
        List<Packet> out = new ArrayList<>();
        PacketBatch batch = new PacketBatch(64);
        while (splitter.pending()) {
            int n = splitter.emit(batch, pool);
            assertTrue(n > 0, "progress: " + drops.snapshot());
            for (int i = 0; i < batch.size(); i++) {
                out.add(batch.get(i));
            }
            batch.clear();
        }
        return out;
    }

    private static void release(List<Packet> packets) {
        packets.forEach(Packet::release);
    }
}
