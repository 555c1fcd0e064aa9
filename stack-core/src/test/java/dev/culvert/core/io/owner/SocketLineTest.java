package dev.culvert.core.io.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a socket line of /proc/net/{udp,tcp}[6], as the kernel prints it and as it must never break us. */
class SocketLineTest {
    private static final String UDP4 = "  412: 0100007F:04AA 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 81234 2 "
            + "0000000000000000 0";
    private static final String TCP6_ANY = "   0: 00000000000000000000000000000000:01BB 00000000000000000000000000000000:0000 0A "
            + "00000000:00000000 00:00000000 00000000     0        0 5555 1 0000000000000000 100 0 0 10 0";

    @Test
    void readsAnIpv4LineOfALittleEndianHost() throws Exception {
        SocketLine s = SocketLine.parse(UDP4, ByteOrder.LITTLE_ENDIAN).orElseThrow();
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1194), s.local());
        assertEquals(7, s.state());
        assertEquals(81234, s.inode());
    }

    @Test
    void readsTheSameWordsInTheOtherOrderOnABigEndianHost() throws Exception {
        String line = UDP4.replace("0100007F", "7F000001");
        assertEquals(InetAddress.getByName("127.0.0.1"), SocketLine.parse(line, ByteOrder.BIG_ENDIAN).orElseThrow().local().getAddress());
    }

    @Test
    void readsAnIpv6ListenerAndEachWordOfItsAddress() throws Exception {
        SocketLine any = SocketLine.parse(TCP6_ANY, ByteOrder.LITTLE_ENDIAN).orElseThrow();
        assertTrue(any.local().getAddress().isAnyLocalAddress());
        assertEquals(443, any.local().getPort());
        assertEquals(SocketLine.TCP_LISTEN, any.state());
        // 2001:db8::1 as a little-endian host prints it: each 32-bit word byte-reversed.
        String line = TCP6_ANY.replaceFirst("0{32}", "B80D0120000000000000000001000000");
        assertEquals(InetAddress.getByName("2001:db8::1"), SocketLine.parse(line, ByteOrder.LITTLE_ENDIAN).orElseThrow().local().getAddress());
    }

    @Test
    void skipsTheHeaderAndAnythingThatDoesNotParse() {
        for (String odd : new String[] {
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "", "   ", "0:", UDP4.replace("0100007F:04AA", "0100007F04AA"), UDP4.replace("0100007F", "01007F"),
                UDP4.replace("0100007F", "0100007G"), UDP4.replace(":04AA", ":1FFFF"), UDP4.replace(" 81234 ", " -5 "),
                UDP4.replace(" 81234 ", " 99999999999999999999 "), UDP4.replace(" 07 ", " zz "), "412: \u0000\u00ff garbage",
                UDP4.substring(0, 40)}) {
            assertEquals(Optional.empty(), SocketLine.parse(odd, ByteOrder.LITTLE_ENDIAN), odd);
        }
    }

    @Test
    void aSocketClashesOnTheSamePortWithTheSameAddressOrAWildcardOnEitherSide() throws Exception {
        SocketLine loopback = SocketLine.parse(UDP4, ByteOrder.LITTLE_ENDIAN).orElseThrow();
        SocketLine any6 = SocketLine.parse(TCP6_ANY, ByteOrder.LITTLE_ENDIAN).orElseThrow();
        assertTrue(loopback.clashesWith(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1194)));
        assertTrue(loopback.clashesWith(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 1194)));
        assertTrue(loopback.clashesWith(new InetSocketAddress(InetAddress.getByName("::"), 1194)));
        assertFalse(loopback.clashesWith(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 1194)));
        assertFalse(loopback.clashesWith(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1195)));
        assertTrue(any6.clashesWith(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 443)));
        // A TIME_WAIT connection belongs to no process: it is not a holder.
        SocketLine orphan = SocketLine.parse(UDP4.replace(" 81234 ", " 0 "), ByteOrder.LITTLE_ENDIAN).orElseThrow();
        assertFalse(orphan.clashesWith(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1194)));
    }
}
