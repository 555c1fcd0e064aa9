package dev.culvert.vpn.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.route.Prefix;
import org.junit.jupiter.api.Test;

/** {@code ifconfig-ipv6-pool BASE/BITS} laid out as 2.6's {@code ifconfig_pool_init} lays it out. */
class Ipv6PoolTest {
    private static Ipv6Pool pool(String text) {
        Prefix written = Prefix.parse(text.replaceAll("/\\d+$", "/128"));
        return Ipv6Pool.of(written.hi(), written.lo(), Integer.parseInt(text.substring(text.indexOf('/') + 1)));
    }

    private static Prefix host(String text) {
        return Prefix.parse(text + "/128");
    }

    @Test
    void inANetworkLargerThanASlash112ThePoolHolds65536AddressesFromItsBase() {
        Ipv6Pool p = pool("fd00:8::1000/64");
        assertEquals(65536, p.size());
        assertEquals(host("fd00:8::1000"), p.address(0));
        assertEquals(host("fd00:8::1:fff"), p.address(65535));
        assertNull(p.address(65536));
        assertNull(p.address(-1));
    }

    @Test
    void inASlash112OrSmallerThePoolRunsFromItsBaseToTheNetworksEnd() {
        assertEquals(256 - 0x10, pool("fd00:8::10/120").size());
        assertEquals(host("fd00:8::ff"), pool("fd00:8::10/120").address(239));
        assertEquals(65536 - 0x100, pool("fd00:8::100/112").size());
        assertEquals(2, pool("fd00:8::e/124").size(), "::e and ::f");
    }

    @Test
    void aBaseWhoseHostPartEndsInZeroStartsOneHigherAs2_6Does() {
        Ipv6Pool p = pool("fd00:8::/64");
        assertEquals(host("fd00:8::1"), p.address(0), "the subnet-router anycast address is never a client's");
        assertEquals(255, pool("fd00:8::/120").size());
        // 2.6 looks at the last 32 bits only: this base is not the network's first address, and still moves.
        assertEquals(host("fd00:8::1:0:1"), pool("fd00:8::1:0:0/64").address(0));
    }

    @Test
    void aPoolNeverRunsPastItsNetwork() {
        Ipv6Pool nearTheEnd = pool("fd00:8::ffff:ffff:ffff:fff0/64");
        assertEquals(16, nearTheEnd.size());
        assertEquals(host("fd00:8::ffff:ffff:ffff:ffff"), nearTheEnd.address(15));
    }

    @Test
    void fewerThanTwoAddressesAndLengthsOutsideSlash64ToSlash124AreRefused() {
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class, () -> pool("fd00:8::f/124"));
        assertTrue(tooSmall.getMessage().contains("IPv6 pool size is too small (1)"), tooSmall.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pool("fd00:8::1000/63"));
        assertThrows(IllegalArgumentException.class, () -> pool("fd00:8::10/125"));
    }

    @Test
    void anAddressMapsBackToItsEntryOnlyInsideThePool() {
        Ipv6Pool p = pool("fd00:8::1000/64");
        Prefix third = host("fd00:8::1002");
        assertEquals(2, p.entryOf(third.hi(), third.lo()));
        Prefix below = host("fd00:8::fff");
        assertEquals(-1, p.entryOf(below.hi(), below.lo()));
        Prefix otherNetwork = host("fd00:9::1002");
        assertEquals(-1, p.entryOf(otherNetwork.hi(), otherNetwork.lo()));
        Prefix past = host("fd00:8::1:1000");
        assertEquals(-1, p.entryOf(past.hi(), past.lo()));
    }
}
