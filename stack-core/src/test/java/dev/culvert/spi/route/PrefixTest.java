package dev.culvert.spi.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrefixTest {
    @Test
    void anIpv4PrefixSitsInTheLowBitsAsL3MetadataHoldsIt() {
        Prefix p = Prefix.parse("10.8.0.0/24");
        assertEquals(new Prefix(4, 0, 0x0a080000L, 24), p);
        assertTrue(p.contains(4, 0, 0x0a0800ffL));
        assertFalse(p.contains(4, 0, 0x0a080100L));
        assertFalse(p.contains(6, 0, 0x0a080001L), "an IPv6 address is never in an IPv4 network");
        assertEquals("10.8.0.0/24", p.toString());
        assertEquals(Prefix.parse("10.8.0.7/32"), Prefix.parse("10.8.0.7"), "a bare address is a host");
    }

    @Test
    void ipv6PrefixesAcrossTheHalves() {
        Prefix p = Prefix.parse("2001:db8:0:1:8000::/65");
        assertEquals(0x20010db800000001L, p.hi());
        assertEquals(0x8000000000000000L, p.lo());
        assertTrue(p.contains(6, 0x20010db800000001L, 0x8000000000000001L));
        assertFalse(p.contains(6, 0x20010db800000001L, 0x7fffffffffffffffL));
        assertEquals("2001:db8:0:1:8000::/65", p.toString());
        assertTrue(Prefix.parse("2001:db8::/32").covers(p));
        assertFalse(p.covers(Prefix.parse("2001:db8::/32")));
    }

    @Test
    void hostBitsAreRefusedUnlessMaskedOnPurpose() {
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("10.8.0.1/24"));
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("fd00::1/64"));
        assertEquals(Prefix.parse("10.8.0.0/24"), Prefix.masked(4, 0, 0x0a080001L, 24));
        assertEquals(Prefix.parse("fd00::/64"), Prefix.masked(6, 0xfd00000000000000L, 1, 64));
        assertEquals(Prefix.parse("0.0.0.0/0"), Prefix.masked(4, 0, 0xffffffffL, 0));
        assertEquals(Prefix.parse("::/0"), Prefix.masked(6, -1, -1, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/1a", "10.0.0", "1.2.3.4.5",
        "256.0.0.0", "01234.0.0.0", "a.b.c.d", "", "fd00:::1", ":1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
        "::ffff:1.2.3", "1::2::3", "fd00::1:", "host.example"})
    void refusesWhatIsNotAPrefix(String text) {
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse(text));
    }

    @Test
    void theRecordItselfChecksItsFields() {
        assertThrows(IllegalArgumentException.class, () -> new Prefix(5, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Prefix(4, 1, 0, 0), "IPv4 has no high half");
        assertThrows(IllegalArgumentException.class, () -> new Prefix(4, 0, 1L << 32, 32), "IPv4 is 32 bits");
    }

    @Test
    void equalNetworksAreEqualValuesWithOneHashAndEachFieldCounts() {
        Prefix net = Prefix.parse("10.8.0.0/24");
        assertEquals(net, Prefix.parse("10.8.0.0/24"));
        assertEquals(net.hashCode(), Prefix.parse("10.8.0.0/24").hashCode());
        assertNotEquals(net, Prefix.parse("10.8.1.0/24"));
        assertNotEquals(net, Prefix.parse("10.8.0.0/25"));
        assertNotEquals(Prefix.parse("::/0"), Prefix.parse("0.0.0.0/0"), "the version counts");
        assertNotEquals(Prefix.parse("2001:db8::/64"), Prefix.parse("2001:db9::/64"), "the high half counts");
        assertNotEquals(net, "10.8.0.0/24");
    }
}
