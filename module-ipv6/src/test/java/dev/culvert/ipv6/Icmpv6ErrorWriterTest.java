package dev.culvert.ipv6;

import static dev.culvert.ipv6.Ipv6Packets.CLIENT_HI;
import static dev.culvert.ipv6.Ipv6Packets.CLIENT_LO;
import static dev.culvert.ipv6.Ipv6Packets.ROUTER_HI;
import static dev.culvert.ipv6.Ipv6Packets.ROUTER_LO;
import static dev.culvert.ipv6.Ipv6Packets.SERVER_HI;
import static dev.culvert.ipv6.Ipv6Packets.SERVER_LO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class Icmpv6ErrorWriterTest {
    private static final L3Policy POLICY = new L3Policy(1400, 0, 10).withRouterAddresses(0, ROUTER_HI, ROUTER_LO);

    private final PacketPool pool = new PacketPool("icmpv6-test", 8);
    private final AtomicLong now = new AtomicLong();
    private final Ipv6Protocol ipv6 = new Ipv6Protocol(now::get);
    private byte[] reply;

    @AfterEach
    void poolBalances() {
        assertEquals(0, pool.outstanding());
    }

    private DropReason answer(byte[] offending, IcmpError error, int mtu, L3Policy policy) {
        Packet in = Ipv6Packets.load(pool, offending);
        Packet out = pool.acquire();
        DropReason refused = ipv6.writeIcmpError(in, error, mtu, policy, out);
        reply = refused == null ? out.toByteArray() : null;
        assertArrayEquals(offending, in.toByteArray(), "the offending packet is only read");
        in.release();
        out.release();
        return refused;
    }

    private static byte[] udp(int length) {
        return Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 17, 64, new byte[length]);
    }

    @Test
    void packetTooBigReportsTheMtuAndQuotesUpTo1280Bytes() {
        byte[] big = udp(1460);
        assertNull(answer(big, IcmpError.PACKET_TOO_BIG, 1400, POLICY));
        assertEquals(1280, reply.length);
        ByteBuffer b = ByteBuffer.wrap(reply);
        assertEquals(6, (reply[0] & 0xff) >>> 4);
        assertEquals(1240, b.getShort(4) & 0xffff);
        assertEquals(58, reply[6]);
        assertEquals(ROUTER_HI, b.getLong(8));
        assertEquals(ROUTER_LO, b.getLong(16));
        assertEquals(CLIENT_HI, b.getLong(24));
        assertEquals(CLIENT_LO, b.getLong(32));
        assertEquals(2, reply[40]);
        assertEquals(0, reply[41]);
        assertEquals(1400, b.getInt(44));
        assertTrue(Ipv6Packets.checksumValid(reply, 58, 40), "checksum over the pseudo-header");
        assertArrayEquals(Arrays.copyOf(big, 1232), Arrays.copyOfRange(reply, 48, 1280));
    }

    @Test
    void packetTooBigNeverReportsLessThanTheMinimumMtu() {
        assertNull(answer(udp(1400), IcmpError.PACKET_TOO_BIG, 1000, POLICY));
        assertEquals(1280, ByteBuffer.wrap(reply).getInt(44));
    }

    @Test
    void destinationUnreachableCodes() {
        byte[] small = udp(20);
        assertNull(answer(small, IcmpError.NO_ROUTE, 0, POLICY));
        assertEquals(48 + small.length, reply.length);
        assertEquals(1, reply[40]);
        assertEquals(0, reply[41]);
        assertEquals(0, ByteBuffer.wrap(reply).getInt(44));
        assertTrue(Ipv6Packets.checksumValid(reply, 58, 40));
        assertArrayEquals(small, Arrays.copyOfRange(reply, 48, reply.length));
        assertNull(answer(small, IcmpError.PROHIBITED, 0, POLICY));
        assertEquals(1, reply[41]);
    }

    @Test
    void neverAnswersAnIcmpv6ErrorButAnswersAnEcho() {
        byte[] error = Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 58, 64, new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(Icmpv6ErrorWriter.ABOUT_ICMP_ERROR, answer(error, IcmpError.NO_ROUTE, 0, POLICY));
        byte[] behindOptions = Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 60, 64,
                new byte[] {58, 0, 1, 4, 0, 0, 0, 0, 127, 0, 0, 0});
        assertEquals(Icmpv6ErrorWriter.ABOUT_ICMP_ERROR, answer(behindOptions, IcmpError.PACKET_TOO_BIG, 1280, POLICY),
                "type 127 is an error, found behind a destination options header");
        assertNull(answer(Ipv6Packets.echoRequest(), IcmpError.NO_ROUTE, 0, POLICY));
        byte[] empty = Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 58, 64, new byte[0]);
        assertEquals(Icmpv6ErrorWriter.MALFORMED, answer(empty, IcmpError.NO_ROUTE, 0, POLICY));
    }

    @Test
    void answersOnlyFirstFragments() {
        byte[] later = Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 44, 64,
                new byte[] {17, 0, 0x05, (byte) 0xc8, 0, 0, 0, 1, 1, 2, 3, 4});
        assertEquals(Icmpv6ErrorWriter.NOT_FIRST_FRAGMENT, answer(later, IcmpError.NO_ROUTE, 0, POLICY));
        byte[] first = Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 44, 64,
                new byte[] {17, 0, 0, 1, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8});
        assertNull(answer(first, IcmpError.NO_ROUTE, 0, POLICY));
    }

    @Test
    void followsRfc4443OnAddresses() {
        byte[] unspecified = Ipv6Packets.ipv6(0, 0, SERVER_HI, SERVER_LO, 17, 64, new byte[8]);
        assertEquals(Icmpv6ErrorWriter.BAD_SOURCE, answer(unspecified, IcmpError.NO_ROUTE, 0, POLICY));
        byte[] multicastSource = Ipv6Packets.ipv6(0xff02L << 48, 1, SERVER_HI, SERVER_LO, 17, 64, new byte[8]);
        assertEquals(Icmpv6ErrorWriter.BAD_SOURCE, answer(multicastSource, IcmpError.PACKET_TOO_BIG, 1280, POLICY));
        byte[] toGroup = Ipv6Packets.ipv6(CLIENT_HI, CLIENT_LO, 0xff0eL << 48, 0x101, 17, 64, new byte[1400]);
        assertEquals(Icmpv6ErrorWriter.MULTICAST_DESTINATION, answer(toGroup, IcmpError.NO_ROUTE, 0, POLICY));
        assertNull(answer(toGroup, IcmpError.PACKET_TOO_BIG, 1280, POLICY), "RFC 4443 §2.4(e.2): packet too big may answer multicast");
    }

    @Test
    void needsARouterAddressAndAWellFormedPacket() {
        assertEquals(Icmpv6ErrorWriter.NO_ROUTER_ADDRESS, answer(udp(8), IcmpError.NO_ROUTE, 0, new L3Policy(1400, 0, 10)));
        assertEquals(Icmpv6ErrorWriter.MALFORMED, answer(new byte[] {0x60, 0, 0}, IcmpError.NO_ROUTE, 0, POLICY));
    }

    @Test
    void isRateLimitedByTheInjectedClock() {
        for (int i = 0; i < 10; i++) {
            assertNull(answer(udp(8), IcmpError.NO_ROUTE, 0, POLICY));
        }
        assertEquals(Icmpv6ErrorWriter.RATE_LIMITED, answer(udp(8), IcmpError.NO_ROUTE, 0, POLICY));
        now.addAndGet(100_000_000L);
        assertNull(answer(udp(8), IcmpError.NO_ROUTE, 0, POLICY));
    }
}
