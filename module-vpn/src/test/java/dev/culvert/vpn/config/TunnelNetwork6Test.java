package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.culvert.spi.route.Prefix;
import org.junit.jupiter.api.Test;

/** The layout of {@code server-ipv6}, as a stock 2.6.14 server logs it for the same line. */
class TunnelNetwork6Test {
    private static TunnelNetwork6 network(String text) {
        Prefix p = Prefix.parse(text);
        return new TunnelNetwork6(p.hi(), p.lo(), p.length());
    }

    @Test
    void aSlash64GivesTheServerNetworkPlusOneAndAPoolFrom0x1000() {
        TunnelNetwork6 net = network("fd00:9::/64");
        assertEquals(Prefix.parse("fd00:9::1/128"), net.serverAddress());
        assertEquals("fd00:9::1/64", net.withLength(net.serverAddress()));
        assertEquals(65536, net.poolSize());
        assertEquals(Prefix.parse("fd00:9::1000/128"), net.poolAddress(0), "the first client, beside 10.x.y.2");
        assertEquals(Prefix.parse("fd00:9::1001/128"), net.poolAddress(1));
        assertEquals(Prefix.parse("fd00:9::1:0fff/128"), net.poolAddress(65535));
        assertNull(net.poolAddress(65536));
    }

    @Test
    void aSlash112OrSmallerStartsThePoolAtPlusTwoAndHoldsAllButTwoAddresses() {
        assertEquals(65534, network("fd00:9::/112").poolSize());
        assertEquals(Prefix.parse("fd00:9::2/128"), network("fd00:9::/112").poolAddress(0));
        assertEquals(254, network("fd00:9::/120").poolSize());
        TunnelNetwork6 tiny = network("fd00:9::/124");
        assertEquals(14, tiny.poolSize());
        assertEquals(Prefix.parse("fd00:9::f/128"), tiny.poolAddress(13));
        assertNull(tiny.poolAddress(14), "the IPv6 pool is smaller than a /24's IPv4 pool");
        assertEquals(65536, network("fd00:9::/111").poolSize());
    }

    @Test
    void networksOutsideSlash64ToSlash124AreRefusedAs2_6RefusesThem() {
        assertThrows(IllegalArgumentException.class, () -> network("fd00:9::/60"));
        assertThrows(IllegalArgumentException.class, () -> network("fd00:9::/125"));
    }
}
