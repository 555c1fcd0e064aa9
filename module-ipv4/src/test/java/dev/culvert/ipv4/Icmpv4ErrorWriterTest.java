package dev.culvert.ipv4;

import static dev.culvert.ipv4.Ipv4Packets.CLIENT;
import static dev.culvert.ipv4.Ipv4Packets.ROUTER;
import static dev.culvert.ipv4.Ipv4Packets.SERVER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.l3.IcmpError;
import dev.culvert.spi.l3.L3Policy;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Icmpv4ErrorWriterTest {
    private static final L3Policy POLICY = new L3Policy(1400, 0, 10).withRouterAddresses(ROUTER, 0, 0);

    private final PacketPool pool = new PacketPool("icmpv4-test", 8);
    private final AtomicLong now = new AtomicLong();
    private final Ipv4Protocol ipv4 = new Ipv4Protocol(now::get);

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding());
    }

    private byte[] reply;

    private DropReason answer(byte[] offending, IcmpError error, int mtu, L3Policy policy) {
        Packet in = Ipv4Packets.load(pool, offending);
        Packet out = pool.acquire();
        DropReason refused = ipv4.writeIcmpError(in, error, mtu, policy, out);
        reply = refused == null ? out.toByteArray() : null;
        assertArrayEquals(offending, in.toByteArray(), "the offending packet is only read");
        in.release();
        out.release();
        return refused;
    }

    private static int u16(byte[] b, int at) {
        return ByteBuffer.wrap(b).getShort(at) & 0xffff;
    }

    @Test
    void fragmentationNeededCarriesTheNextHopMtuAndQuotesTheDatagram() {
        byte[] big = Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0x4000, new byte[1480]);
        assertNull(answer(big, IcmpError.PACKET_TOO_BIG, 1400, POLICY));
        assertEquals(576, reply.length, "header, ICMP header and as much of the datagram as fits in 576 bytes");
        assertEquals(0x45, reply[0] & 0xff);
        assertEquals(576, u16(reply, 2));
        assertEquals(1, reply[9], "ICMP");
        assertEquals(ROUTER, ByteBuffer.wrap(reply).getInt(12));
        assertEquals(CLIENT, ByteBuffer.wrap(reply).getInt(16));
        assertEquals(0xffff, Ipv4Packets.referenceSum(reply, 0, 20, 0), "IP header checksum");
        assertEquals(3, reply[20]);
        assertEquals(4, reply[21]);
        assertEquals(0, u16(reply, 24));
        assertEquals(1400, u16(reply, 26));
        assertEquals(0xffff, Ipv4Packets.referenceSum(reply, 20, reply.length - 20, 0), "ICMP checksum");
        assertArrayEquals(Arrays.copyOf(big, 548), Arrays.copyOfRange(reply, 28, 576));
    }

    @Test
    void aSmallDatagramIsQuotedWhole() {
        byte[] small = Ipv4Packets.tcpPacket(CLIENT, SERVER, 0, Ipv4Packets.tcp(0x02, "020405b4", 0));
        assertNull(answer(small, IcmpError.NO_ROUTE, 0, POLICY));
        assertEquals(28 + small.length, reply.length);
        assertEquals(3, reply[20]);
        assertEquals(1, reply[21], "host unreachable, as RFC 1812 §5.2.7.1 asks of routers");
        assertEquals(0, u16(reply, 26));
        assertArrayEquals(small, Arrays.copyOfRange(reply, 28, reply.length));
        assertEquals(0xffff, Ipv4Packets.referenceSum(reply, 20, reply.length - 20, 0));
        assertNull(answer(small, IcmpError.PROHIBITED, 0, POLICY));
        assertEquals(13, reply[21]);
    }

    @Test
    void neverAnswersAnIcmpErrorButAnswersAnEcho() {
        byte[] unreachable = Ipv4Packets.ipv4(CLIENT, SERVER, 1, 64, 0, new byte[] {3, 1, 0, 0, 0, 0, 0, 0});
        assertEquals(Icmpv4ErrorWriter.ABOUT_ICMP_ERROR, answer(unreachable, IcmpError.NO_ROUTE, 0, POLICY));
        byte[] unknownType = Ipv4Packets.ipv4(CLIENT, SERVER, 1, 64, 0, new byte[] {(byte) 200, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(Icmpv4ErrorWriter.ABOUT_ICMP_ERROR, answer(unknownType, IcmpError.NO_ROUTE, 0, POLICY));
        byte[] echo = Ipv4Packets.ipv4(CLIENT, SERVER, 1, 64, 0, new byte[] {8, 0, 0, 0, 0, 1, 0, 1});
        assertNull(answer(echo, IcmpError.NO_ROUTE, 0, POLICY));
        byte[] empty = Ipv4Packets.ipv4(CLIENT, SERVER, 1, 64, 0, new byte[0]);
        assertEquals(Icmpv4ErrorWriter.MALFORMED, answer(empty, IcmpError.NO_ROUTE, 0, POLICY));
    }

    @Test
    void answersOnlyFirstFragments() {
        assertNull(answer(Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0x2000, new byte[16]), IcmpError.NO_ROUTE, 0, POLICY));
        assertEquals(Icmpv4ErrorWriter.NOT_FIRST_FRAGMENT,
                answer(Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0x2002, new byte[16]), IcmpError.NO_ROUTE, 0, POLICY));
    }

    @Test
    void neverAnswersGroupDestinationsOrNonHostSources() {
        assertEquals(Icmpv4ErrorWriter.GROUP_DESTINATION,
                answer(Ipv4Packets.ipv4(CLIENT, 0xe0000001, 17, 64, 0, new byte[8]), IcmpError.NO_ROUTE, 0, POLICY));
        assertEquals(Icmpv4ErrorWriter.GROUP_DESTINATION,
                answer(Ipv4Packets.ipv4(CLIENT, 0xffffffff, 17, 64, 0, new byte[8]), IcmpError.NO_ROUTE, 0, POLICY));
        assertEquals(Icmpv4ErrorWriter.BAD_SOURCE,
                answer(Ipv4Packets.ipv4(0, SERVER, 17, 64, 0, new byte[8]), IcmpError.NO_ROUTE, 0, POLICY));
        assertEquals(Icmpv4ErrorWriter.BAD_SOURCE,
                answer(Ipv4Packets.ipv4(0xe0000001, SERVER, 17, 64, 0, new byte[8]), IcmpError.NO_ROUTE, 0, POLICY));
    }

    @Test
    void refusesMalformedOffendingPacketsAndMissingRouterAddress() {
        assertEquals(Icmpv4ErrorWriter.MALFORMED, answer(new byte[] {0x45, 0, 0}, IcmpError.NO_ROUTE, 0, POLICY));
        byte[] ok = Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0, new byte[8]);
        assertEquals(Icmpv4ErrorWriter.NO_ROUTER_ADDRESS, answer(ok, IcmpError.NO_ROUTE, 0, new L3Policy(1400, 0, 10)));
    }

    @Test
    void isRateLimitedByTheInjectedClock() {
        byte[] ok = Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0, new byte[8]);
        for (int i = 0; i < 10; i++) {
            assertNull(answer(ok, IcmpError.NO_ROUTE, 0, POLICY), "burst " + i);
        }
        assertEquals(Icmpv4ErrorWriter.RATE_LIMITED, answer(ok, IcmpError.NO_ROUTE, 0, POLICY));
        now.addAndGet(100_000_000L);
        assertNull(answer(ok, IcmpError.NO_ROUTE, 0, POLICY));
        assertEquals(Icmpv4ErrorWriter.RATE_LIMITED, answer(ok, IcmpError.NO_ROUTE, 0, POLICY));
    }

    @Test
    void refusedErrorsCostNoToken() {
        byte[] icmpError = Ipv4Packets.ipv4(CLIENT, SERVER, 1, 64, 0, new byte[] {11, 0, 0, 0, 0, 0, 0, 0});
        for (int i = 0; i < 50; i++) {
            answer(icmpError, IcmpError.NO_ROUTE, 0, POLICY);
        }
        assertNull(answer(Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0, new byte[8]), IcmpError.NO_ROUTE, 0, POLICY));
    }

    @Test
    void refusesAReplyBufferThatCannotHoldTheError() {
        PacketPool tiny = new PacketPool("tiny", 1, 64, 32);
        Packet in = Ipv4Packets.load(pool, Ipv4Packets.ipv4(CLIENT, SERVER, 17, 64, 0, new byte[100]));
        Packet out = tiny.acquire();
        assertEquals(Icmpv4ErrorWriter.REPLY_TOO_SMALL, ipv4.writeIcmpError(in, IcmpError.NO_ROUTE, 0, POLICY, out));
        in.release();
        out.release();
        assertEquals(0, tiny.outstanding());
    }
}
