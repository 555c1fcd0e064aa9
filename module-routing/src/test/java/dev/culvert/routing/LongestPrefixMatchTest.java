package dev.culvert.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.Router;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The table answers what a scan of every entry answers: the longest prefix holding the address. */
class LongestPrefixMatchTest {
    private final LpmTable table = new LpmTable();

    private long v4(String address) {
        return table.snapshot().lookup(4, 0, Prefix.parse(address).lo());
    }

    private long v6(String address) {
        Prefix p = Prefix.parse(address);
        return table.snapshot().lookup(6, p.hi(), p.lo());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6})
    void agreesWithALinearScanOnRandomNestedPrefixes(int version) {
        for (int size : new int[] {1, 10, 100, 1000, 5000}) {
            RandomPrefixes random = new RandomPrefixes(20261122L + size, version);
            Map<Prefix, Long> entries = random.table(size);
            LpmTable t = new LpmTable();
            entries.forEach(t::put);
            LinearScan scan = new LinearScan(entries);
            int matched = 0;
            for (int i = 0; i < 20_000; i++) {
                long[] a = random.address();
                long[] key = random.key(a);
                long expected = scan.lookup(key[0], key[1]);
                assertEquals(expected, t.snapshot().lookup(version, a[0], a[1]),
                        () -> "IPv" + version + " table of " + size + ": " + Long.toHexString(a[0]) + ":" + Long.toHexString(a[1]));
                if (expected != PrefixTrie.NO_MATCH) {
                    matched++;
                }
            }
            // The addresses are drawn near the prefixes, so most lookups exercise a match, not just misses.
            if (size >= 100) {
                assertTrue(matched > 5_000, "only " + matched + " lookups matched");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6})
    void agreesWithALinearScanOnServerShapedTables(int version) {
        for (int size : new int[] {10, 1000, 10000}) {
            ServerTables server = new ServerTables(size, version);
            Map<Prefix, Long> entries = server.table(size);
            LpmTable t = new LpmTable();
            entries.forEach(t::put);
            LinearScan scan = new LinearScan(entries);
            for (int i = 0; i < 10_000; i++) {
                long[] a = server.address();
                assertEquals(scan.lookup(version, a[0], a[1]), t.snapshot().lookup(version, a[0], a[1]));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6})
    void staysRightAsEntriesAreRemovedAndReplaced(int version) {
        RandomPrefixes random = new RandomPrefixes(7L + version, version);
        Map<Prefix, Long> entries = new HashMap<>(random.table(400));
        entries.forEach(table::put);
        SplittableRandom r = new SplittableRandom(99);
        List<Prefix> keys = new ArrayList<>(entries.keySet());
        for (int round = 0; round < 50; round++) {
            Prefix gone = keys.remove(r.nextInt(keys.size()));
            entries.remove(gone);
            assertTrue(table.remove(gone));
            Prefix moved = keys.get(r.nextInt(keys.size()));
            entries.put(moved, 10_000L + round);
            table.put(moved, 10_000L + round);
            LinearScan scan = new LinearScan(entries);
            for (int i = 0; i < 500; i++) {
                long[] a = random.address();
                long[] key = random.key(a);
                assertEquals(scan.lookup(key[0], key[1]), table.snapshot().lookup(version, a[0], a[1]));
            }
        }
        assertEquals(entries, table.entries());
    }

    @Test
    void theLongestOfNestedIpv4PrefixesWins() {
        table.put(Prefix.parse("0.0.0.0/0"), Router.LOCAL);
        table.put(Prefix.parse("10.0.0.0/8"), 1);
        table.put(Prefix.parse("10.1.0.0/16"), 2);
        table.put(Prefix.parse("10.1.2.0/24"), 3);
        table.put(Prefix.parse("10.1.2.3/32"), 4);
        assertEquals(4, v4("10.1.2.3"));
        assertEquals(3, v4("10.1.2.4"));
        assertEquals(2, v4("10.1.3.3"));
        assertEquals(1, v4("10.2.2.3"));
        assertEquals(Router.LOCAL, v4("11.1.2.3"));
        assertEquals(Router.LOCAL, v4("255.255.255.255"));
        table.remove(Prefix.parse("10.1.0.0/16"));
        assertEquals(1, v4("10.1.3.3"), "without the /16 the /8 holds it");
        assertEquals(3, v4("10.1.2.4"), "a prefix whose parent went keeps its place");
    }

    @Test
    void withoutADefaultAnAddressOutsideEveryPrefixHasNoRoute() {
        assertEquals(PrefixTrie.NO_MATCH, v4("10.0.0.1"), "empty table");
        table.put(Prefix.parse("10.0.0.1/32"), 5);
        assertEquals(5, v4("10.0.0.1"));
        assertEquals(PrefixTrie.NO_MATCH, v4("10.0.0.0"));
        assertEquals(PrefixTrie.NO_MATCH, v4("10.0.0.2"));
        assertEquals(PrefixTrie.NO_MATCH, v6("::a00:1"), "an IPv4 entry never answers an IPv6 lookup");
    }

    @Test
    void theIpv4DefaultRouteHoldsEveryAddress() {
        table.put(Prefix.parse("0.0.0.0/0"), 9);
        assertEquals(9, v4("0.0.0.0"));
        assertEquals(9, v4("128.0.0.1"));
        assertEquals(9, v4("255.255.255.255"));
    }

    @Test
    void ipv6PrefixesAcrossTheSixtyFourBitBoundary() {
        table.put(Prefix.parse("::/0"), Router.LOCAL);
        table.put(Prefix.parse("2001:db8::/32"), 1);
        table.put(Prefix.parse("2001:db8:0:1::/64"), 2);
        table.put(Prefix.parse("2001:db8:0:1:8000::/65"), 3);
        table.put(Prefix.parse("2001:db8:0:1:8000::1/128"), 4);
        table.put(Prefix.parse("2001:db8:0:0::/63"), 5);
        assertEquals(4, v6("2001:db8:0:1:8000::1"));
        assertEquals(3, v6("2001:db8:0:1:8000::2"));
        assertEquals(2, v6("2001:db8:0:1:7fff::1"));
        assertEquals(5, v6("2001:db8::1"), "bit 63 clear: the /63");
        assertEquals(1, v6("2001:db8:0:2::1"));
        assertEquals(Router.LOCAL, v6("2001:db9::1"));
        assertEquals(Router.LOCAL, v6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
    }

    @Test
    void hostRoutesAtBothEndsOfTheAddressSpace() {
        table.put(Prefix.parse("0.0.0.0/32"), 1);
        table.put(Prefix.parse("255.255.255.255/32"), 2);
        table.put(Prefix.parse("::/128"), 3);
        table.put(Prefix.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"), 4);
        assertEquals(1, v4("0.0.0.0"));
        assertEquals(2, v4("255.255.255.255"));
        assertEquals(PrefixTrie.NO_MATCH, v4("255.255.255.254"));
        assertEquals(3, v6("::"));
        assertEquals(4, v6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertEquals(PrefixTrie.NO_MATCH, v6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"));
    }

    @Test
    void aTableOfOnlyHostRoutesIsCompressed() {
        Map<PrefixTrie.Key, Long> hosts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            hosts.put(new PrefixTrie.Key(PrefixTrie.ipv4Key(0x0a080000L + i), 0, 32), (long) i);
        }
        PrefixTrie wide = PrefixTrie.build(hosts);
        PrefixTrie narrow = PrefixTrie.buildNarrow(hosts);
        // A path-compressed binary trie has at most one branch node per entry, whatever the key length.
        assertTrue(wide.size() < 2 * hosts.size() * 8, wide.size() + " longs");
        assertEquals(wide.size() / 2, narrow.size(), "a narrow node is half a wide one");
        assertEquals(999, wide.lookup(PrefixTrie.ipv4Key(0x0a080000L + 999), 0));
        assertEquals(999, narrow.lookupNarrow(PrefixTrie.ipv4Key(0x0a080000L + 999)));
        assertEquals(PrefixTrie.NO_MATCH, narrow.lookupNarrow(PrefixTrie.ipv4Key(0x0a080000L + 1000)));
    }

    @Test
    void setPeerReplacesThatPeersEntriesAndNoOthers() {
        table.put(Prefix.parse("10.8.0.0/24"), Router.LOCAL);
        table.setPeer(1, List.of(Prefix.parse("10.8.0.2/32"), Prefix.parse("192.168.1.0/24")));
        table.setPeer(2, List.of(Prefix.parse("10.8.0.3/32")));
        table.setPeer(1, List.of(Prefix.parse("10.8.0.2/32")));
        assertEquals(PrefixTrie.NO_MATCH, v4("192.168.1.1"), "the dropped iroute is gone");
        assertEquals(1, v4("10.8.0.2"));
        assertEquals(2, v4("10.8.0.3"));
        table.setPeer(3, List.of(Prefix.parse("10.8.0.3/32")));
        assertEquals(3, v4("10.8.0.3"), "a newer session takes the address over");
        table.removePeer(1);
        assertEquals(Router.LOCAL, v4("10.8.0.2"));
        assertEquals(Map.of(Prefix.parse("10.8.0.0/24"), Router.LOCAL, Prefix.parse("10.8.0.3/32"), 3L), table.entries());
    }
}
