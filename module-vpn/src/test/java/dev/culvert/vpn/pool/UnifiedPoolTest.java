package dev.culvert.vpn.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool with an IPv6 half, as 2.6 unifies them: one entry gives both addresses, the smaller
 * half bounds the clients, and {@code ifconfig-pool-persist} keeps both.
 */
class UnifiedPoolTest {
    private static final int NET = AddressText.ipv4OrNull("10.8.0.0");
    private static final int MASK24 = AddressText.ipv4OrNull("255.255.255.0");

    @TempDir
    Path dir;

    private static Ipv6Pool pool6(String base, int bits) {
        Prefix p = Prefix.parse(base + "/128");
        return Ipv6Pool.of(p.hi(), p.lo(), bits);
    }

    private static int ip(String dotted) {
        return AddressText.ipv4OrNull(dotted);
    }

    @Test
    void aLargeIpv6PoolLeavesTheIpv4PoolToLimitTheClientsWithA2_6Note() {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24, pool6("fd00:8::1000", 64));
        assertEquals(253, pool.capacity());
        assertTrue(pool.ipv6Limits().orElseThrow().startsWith("NOTE: IPv4 pool size is 253, IPv6 pool size is 65536."),
                pool.ipv6Limits().toString());
    }

    @Test
    void aSmallerIpv6PoolShrinksThePoolAndWarnsAs2_6Does() {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24, pool6("fd00:8::2", 124));
        assertEquals(14, pool.capacity());
        for (int i = 0; i < 14; i++) {
            assertEquals(ip("10.8.0." + (i + 2)), pool.acquire("c" + i, false).orElseThrow().local());
        }
        assertEquals(Optional.empty(), pool.acquire("c14", false), "the 15th client has no pair of addresses");
        assertTrue(pool.ipv6Limits().orElseThrow().contains("likely a MISTAKE"), pool.ipv6Limits().toString());
    }

    @Test
    void withNet30EachSlash30BlockPairsWithOneIpv6Address() {
        IfconfigPool pool = IfconfigPool.net30(NET, MASK24, pool6("fd00:8::1000", 64));
        assertEquals(62, pool.capacity());
        Lease first = pool.acquire("a", false).orElseThrow();
        Lease second = pool.acquire("b", false).orElseThrow();
        assertEquals(ip("10.8.0.6"), first.local());
        assertEquals(1, pool.entry(second));
        assertEquals("a,10.8.0.4,fd00:8::1000\nb,10.8.0.8,fd00:8::1001\n", pool.persistText(), "2.6 writes a /30's base address");
    }

    @Test
    void withoutAnIpv6HalfThereIsNothingToSay() {
        assertEquals(Optional.empty(), IfconfigPool.subnet(NET, MASK24).ipv6Limits());
    }

    @Test
    void thePersistFileKeepsBothAddressesOfAnEntryAs2_6WritesThem() throws IOException {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24, pool6("fd00:8::1000", 64));
        pool.acquire("alice", false).orElseThrow();
        pool.acquire("bob", false).orElseThrow();
        assertEquals("alice,10.8.0.2,fd00:8::1000\nbob,10.8.0.3,fd00:8::1001\n", pool.persistText());
        Path file = dir.resolve("ipp.txt");
        pool.save(file);
        IfconfigPool restarted = IfconfigPool.subnet(NET, MASK24, pool6("fd00:8::1000", 64));
        assertEquals(List.of(), restarted.load(file));
        assertEquals(ip("10.8.0.3"), restarted.acquire("bob", false).orElseThrow().local());
    }

    @Test
    void aLineWithOnlyAnIpv6AddressNamesItsEntryAs2_6ReadsIt() throws IOException {
        Path file = dir.resolve("ipp.txt");
        Files.writeString(file, "carol,,fd00:8::1004\n");
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24, pool6("fd00:8::1000", 64));
        assertEquals(List.of(), pool.load(file));
        assertEquals(ip("10.8.0.6"), pool.acquire("carol", false).orElseThrow().local(), "entry 4 on both halves");
    }

    @Test
    void addressesAtDifferentOffsetsAreReportedAndTheIpv4OneWins() throws IOException {
        Path file = dir.resolve("ipp.txt");
        Files.writeString(file, "dave,10.8.0.5,fd00:8::1009\n"
                + "erin,10.8.0.300,fd00:8::1007\n"
                + "frank,10.8.0.8,fd00:9::1\n");
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24, pool6("fd00:8::1000", 64));
        List<PersistWarning> warnings = pool.load(file);
        assertEquals(List.of(1, 2, 3), warnings.stream().map(PersistWarning::lineNumber).toList(), warnings.toString());
        assertTrue(warnings.get(0).message().contains("different offsets; relying on IPv4"), warnings.toString());
        assertTrue(warnings.get(1).message().startsWith("invalid IPv4"), warnings.toString());
        assertTrue(warnings.get(2).message().contains("IPv6 (fd00:9::1) out of pool range"), warnings.toString());
        assertEquals(ip("10.8.0.5"), pool.acquire("dave", false).orElseThrow().local());
        assertEquals(ip("10.8.0.9"), pool.acquire("erin", false).orElseThrow().local(), "the IPv6 address names erin's entry");
        assertEquals(ip("10.8.0.8"), pool.acquire("frank", false).orElseThrow().local());
    }

    @Test
    void anIpv6AddressBeyondAShrunkPoolIsOutOfRange() throws IOException {
        Path file = dir.resolve("ipp.txt");
        Files.writeString(file, "gina,10.8.0.100,\n");
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24, pool6("fd00:8::2", 124));
        List<PersistWarning> warnings = pool.load(file);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).message().contains("out of pool range"), warnings.toString());
    }
}
