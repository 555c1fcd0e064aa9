package dev.culvert.spi.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AddressTextTest {
    @Test
    void readsAndWritesDottedQuads() {
        assertEquals(0xc0a80a01, AddressText.parseIpv4("192.168.10.1"));
        assertEquals(0xffffffff, AddressText.parseIpv4("255.255.255.255"));
        assertEquals("192.168.10.1", AddressText.ipv4(0xc0a80a01));
        assertEquals("0.0.0.0", AddressText.ipv4(0));
    }

    @Test
    void readsEveryIpv6TextForm() {
        assertArrayEquals(new long[] {0, 0}, AddressText.parseIpv6("::"));
        assertArrayEquals(new long[] {0, 1}, AddressText.parseIpv6("::1"));
        assertArrayEquals(new long[] {0x20010db800000000L, 0}, AddressText.parseIpv6("2001:db8::"));
        assertArrayEquals(new long[] {0x20010db800000000L, 1}, AddressText.parseIpv6("2001:DB8:0:0:0:0:0:1"));
        assertArrayEquals(new long[] {0, 0x0000ffffc0a80a01L}, AddressText.parseIpv6("::ffff:192.168.10.1"));
        assertArrayEquals(new long[] {0x0001000200030004L, 0x0005000600070008L}, AddressText.parseIpv6("1:2:3:4:5:6:7:8"));
        assertArrayEquals(new long[] {0x0001000000000000L, 0x0000000000000008L}, AddressText.parseIpv6("1::8"));
    }

    @Test
    void writesRfc5952Text() {
        assertEquals("::", AddressText.ipv6(0, 0));
        assertEquals("::1", AddressText.ipv6(0, 1));
        assertEquals("2001:db8::1", AddressText.ipv6(0x20010db800000000L, 1));
        assertEquals("2001:db8:0:1:1:1:1:1", AddressText.ipv6(0x20010db800000001L, 0x0001000100010001L), "one zero group stays");
        assertEquals("2001:0:0:1::1", AddressText.ipv6(0x2001000000000001L, 1), "the longer zero run is compressed");
        assertEquals("1::", AddressText.ipv6(0x0001000000000000L, 0));
    }

    @Test
    void textFromAPeerOrAFileThatIsNoDottedQuadIsNullNotAnError() {
        assertEquals(0x0a080001, AddressText.ipv4OrNull("10.8.0.1"));
        for (String bad : new String[] {"", "10.8.0", "10.8.0.256", "10.8.0.1.", "+1.2.3.4", " 1.2.3.4", "1.2.3.4 ", "0010.8.0.1", "vpn.example"}) {
            assertNull(AddressText.ipv4OrNull(bad), bad);
        }
    }

    @Test
    void writesA16ByteAddressAsItsTwoHalves() {
        byte[] address = new byte[16];
        address[0] = 0x20;
        address[1] = 0x01;
        address[2] = 0x0d;
        address[3] = (byte) 0xb8;
        address[15] = 1;
        assertEquals("2001:db8::1", AddressText.ipv6(address));
        assertThrows(IllegalArgumentException.class, () -> AddressText.ipv6(new byte[4]));
    }
}
