package dev.culvert.vpn.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.route.AddressText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IfconfigPoolTest {
    private static final int NET = ip("10.8.0.0");
    private static final int MASK24 = ip("255.255.255.0");

    @TempDir
    Path dir;

    private static int ip(String dotted) {
        return AddressText.ipv4OrNull(dotted);
    }

    private static Lease take(IfconfigPool pool, String cn) {
        return pool.acquire(cn, false).orElseThrow();
    }

    @Test
    void subnetServerTunIsDotOneWithTheNetmask() {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        assertEquals(ip("10.8.0.1"), pool.serverAddress());
        assertEquals(MASK24, pool.serverPeerOrNetmask());
    }

    @Test
    void subnetSlash24HandsOutDot2ToDot254InOrderThenRunsOut() {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        assertEquals(253, pool.capacity());
        for (int host = 2; host <= 254; host++) {
            Lease lease = take(pool, "client" + host);
            assertEquals(new Lease("client" + host, ip("10.8.0." + host), MASK24), lease);
        }
        assertEquals(Optional.empty(), pool.acquire("one-too-many", false));
        assertEquals(Optional.empty(), pool.acquire("one-too-many", true));
    }

    @Test
    void net30ServerTunIsDotOnePeerDotTwo() {
        IfconfigPool pool = IfconfigPool.net30(NET, MASK24);
        assertEquals(ip("10.8.0.1"), pool.serverAddress());
        assertEquals(ip("10.8.0.2"), pool.serverPeerOrNetmask());
    }

    @Test
    void net30HandsOutOneSlash30PerClientFromDot4ToDot248() {
        IfconfigPool pool = IfconfigPool.net30(NET, MASK24);
        assertEquals(62, pool.capacity());
        assertEquals(new Lease("a", ip("10.8.0.6"), ip("10.8.0.5")), take(pool, "a"));
        assertEquals(new Lease("b", ip("10.8.0.10"), ip("10.8.0.9")), take(pool, "b"));
        Lease last = null;
        for (int i = 2; i < 62; i++) {
            last = take(pool, "c" + i);
        }
        assertEquals(new Lease("c61", ip("10.8.0.250"), ip("10.8.0.249")), last);
        assertTrue(pool.acquire("d", false).isEmpty());
    }

    @Test
    void slash29IsTheSmallestNetworkAndNet30RefusesIt() {
        IfconfigPool subnet = IfconfigPool.subnet(NET, ip("255.255.255.248"));
        assertEquals(5, subnet.capacity());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IfconfigPool.net30(NET, ip("255.255.255.248")));
        assertTrue(e.getMessage().contains("too small (1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IfconfigPool.subnet(NET, ip("255.255.255.252")));
        assertThrows(IllegalArgumentException.class, () -> IfconfigPool.subnet(ip("10.0.0.0"), ip("255.254.0.0")));
        assertThrows(IllegalArgumentException.class, () -> IfconfigPool.subnet(ip("10.8.0.1"), MASK24));
        assertThrows(IllegalArgumentException.class, () -> IfconfigPool.subnet(NET, ip("255.255.0.255")));
    }

    @Test
    void slash16SubnetSpansTheWholeNetwork() {
        IfconfigPool pool = IfconfigPool.subnet(ip("172.16.0.0"), ip("255.255.0.0"));
        assertEquals(65533, pool.capacity());
        assertEquals(ip("172.16.0.2"), take(pool, "x").local());
    }

    @Test
    void aReturningCommonNameGetsItsAddressBack() {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        Lease alice = take(pool, "alice");
        Lease bob = take(pool, "bob");
        assertTrue(pool.release(alice));
        assertTrue(pool.release(bob));
        take(pool, "carol");
        assertEquals(bob.local(), take(pool, "bob").local());
        assertEquals(alice.local(), take(pool, "alice").local());
    }

    @Test
    void releasedAddressesAreReusedOnlyWhenNoFreshOneIsLeftOldestReleaseFirst() {
        IfconfigPool pool = IfconfigPool.subnet(NET, ip("255.255.255.248")); // .2 .. .6
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            leases.add(take(pool, "c" + i));
        }
        assertTrue(pool.release(leases.get(2)));
        assertTrue(pool.release(leases.get(0)));
        assertEquals(ip("10.8.0.6"), take(pool, "new1").local(), "a never-used address comes first");
        assertEquals(ip("10.8.0.4"), take(pool, "new2").local(), "then the one released longest ago");
        assertEquals(ip("10.8.0.2"), take(pool, "new3").local());
        assertTrue(pool.acquire("new4", false).isEmpty());
        assertTrue(pool.release(leases.get(1)));
        assertEquals(ip("10.8.0.3"), take(pool, "c0").local(), "c0's memory was taken over by new3; it gets what is free");
    }

    @Test
    void aCommonNameAlreadyConnectedGetsASecondAddress() {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        Lease first = take(pool, "alice");
        Lease second = take(pool, "alice");
        assertEquals(ip("10.8.0.2"), first.local());
        assertEquals(ip("10.8.0.3"), second.local());
    }

    @Test
    void duplicateCnTakesTheLowestFreeAddressAndForgetsNames() {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        Lease alice = take(pool, "alice");
        take(pool, "bob");
        assertTrue(pool.release(alice));
        Lease shared1 = pool.acquire("shared", true).orElseThrow();
        Lease shared2 = pool.acquire("shared", true).orElseThrow();
        assertEquals(new Lease("shared", ip("10.8.0.2"), MASK24), shared1, "alice's remembered address is the lowest free one");
        assertEquals(ip("10.8.0.4"), shared2.local());
        assertTrue(pool.release(shared1));
        assertEquals(ip("10.8.0.5"), take(pool, "alice").local(), "alice's memory of .2 is gone");
        assertEquals("bob,10.8.0.3,\nalice,10.8.0.5,\n", pool.persistText(), "duplicate-cn leases are not persisted");
    }

    @Test
    void releaseRefusesLeasesItDoesNotHaveOut() {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        Lease alice = take(pool, "alice");
        assertFalse(pool.release(new Lease("mallory", alice.local(), MASK24)));
        assertFalse(pool.release(new Lease("alice", ip("10.8.0.9"), MASK24)));
        assertFalse(pool.release(new Lease("alice", ip("192.168.0.2"), MASK24)));
        assertTrue(pool.release(alice));
        assertFalse(pool.release(alice), "a second release is refused");
    }

    @Test
    void aReservedAddressIsNeverHandedOut() {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        assertTrue(pool.reserve("fixed-client", ip("10.8.0.2")));
        assertTrue(pool.reserve("fixed-client", ip("10.9.0.7")), "outside the pool: nothing to keep");
        assertEquals(ip("10.8.0.3"), take(pool, "a").local());
        assertEquals(ip("10.8.0.4"), pool.acquire("fixed-client", false).orElseThrow().local(),
                "the reservation belongs to the ifconfig-push, not to the pool");
        assertFalse(pool.reserve("other", ip("10.8.0.2")), "already reserved for another name");
        assertFalse(pool.reserve("other", ip("10.8.0.3")), "leased to another client");
        assertTrue(pool.unreserve("fixed-client", ip("10.8.0.2")));
        assertEquals(ip("10.8.0.2"), take(pool, "b").local());
    }

    @Test
    void net30ReservesTheWholeSlash30() {
        IfconfigPool pool = IfconfigPool.net30(NET, MASK24);
        assertTrue(pool.reserve("fixed", ip("10.8.0.6")));
        assertEquals(new Lease("a", ip("10.8.0.10"), ip("10.8.0.9")), take(pool, "a"));
    }

    @Test
    void aCommonNameThatWouldCorruptTheFileGetsAnAddressButNoMemory() {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        Lease evil = take(pool, "evil\nx,10.8.0.9");
        assertTrue(pool.release(evil));
        assertEquals("", pool.persistText());
    }

    @Test
    void persistRoundTripRestoresStickyAddresses() throws IOException {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        take(pool, "a");
        Lease b = take(pool, "b");
        take(pool, "c");
        pool.release(b);
        Path file = dir.resolve("ipp.txt");
        pool.save(file);
        assertEquals("a,10.8.0.2,\nb,10.8.0.3,\nc,10.8.0.4,\n", Files.readString(file));

        IfconfigPool restarted = IfconfigPool.subnet(NET, MASK24);
        assertEquals(List.of(), restarted.load(file));
        assertEquals(ip("10.8.0.5"), take(restarted, "new").local(), "remembered addresses are kept back while fresh ones last");
        assertEquals(ip("10.8.0.4"), take(restarted, "c").local());
        assertEquals(ip("10.8.0.2"), take(restarted, "a").local());
        assertEquals(Files.readString(file).replace("c,10.8.0.4,\n", "c,10.8.0.4,\nnew,10.8.0.5,\n"), restarted.persistText());
    }

    @Test
    void net30PersistsTheBlockBaseAsOpenVpnDoes() throws IOException {
        IfconfigPool pool = IfconfigPool.net30(NET, MASK24);
        take(pool, "a");
        take(pool, "b");
        assertEquals("a,10.8.0.4,\nb,10.8.0.8,\n", pool.persistText());
        Path file = dir.resolve("ipp.txt");
        pool.save(file);
        IfconfigPool restarted = IfconfigPool.net30(NET, MASK24);
        assertEquals(List.of(), restarted.load(file));
        assertEquals(new Lease("b", ip("10.8.0.10"), ip("10.8.0.9")), take(restarted, "b"));
    }

    @Test
    void aFileWrittenByOpenVpn26Loads() throws IOException {
        // 2.6 writes "%s,%s,%s": CN, IPv4, IPv6 (empty without an IPv6 pool, so a trailing comma).
        Path file = dir.resolve("ipp.txt");
        Files.writeString(file, "client1,10.8.0.2,\n"
                + "laptop.example.org,10.8.0.3,fd00:8::1001\n"
                + "phone,10.8.0.10,\n");
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        assertEquals(List.of(), pool.load(file));
        assertEquals(ip("10.8.0.10"), take(pool, "phone").local());
        assertEquals(ip("10.8.0.3"), take(pool, "laptop.example.org").local());
        assertEquals(ip("10.8.0.4"), take(pool, "stranger").local());
    }

    @Test
    void malformedLinesAreSkippedAndReportedWithTheirLineNumbers() throws IOException {
        Path file = dir.resolve("ipp.txt");
        Files.writeString(file, "# written by hand\r\n"   // 1: comment
                + "good,10.8.0.7,\r\n"                      // 2
                + "\n"                                      // 3: empty
                + "no-comma-here\n"                         // 4
                + "bad-ip,10.8.0.300,\n"                    // 5
                + "outside,10.9.0.5,\n"                     // 6
                + ",10.8.0.8,\n"                            // 7: empty CN
                + "v6only,,fd00::5\n"                       // 8
                + "server,10.8.0.1,\n"                      // 9: the server's own address
                + "; another comment\n"                     // 10
                + "dup,10.8.0.7,\n"                         // 11: same address as line 2
                + "hostname,vpn.example.org");              // 12: no DNS, and no final newline
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        List<PersistWarning> warnings = pool.load(file);
        assertEquals(List.of(4, 5, 6, 7, 8, 9, 11, 12), warnings.stream().map(PersistWarning::lineNumber).toList(), warnings.toString());
        assertTrue(warnings.get(1).toString().startsWith("line 5: invalid IPv4 (10.8.0.300)"), warnings.get(1).toString());
        assertTrue(warnings.get(2).message().contains("out of pool range"), warnings.get(2).toString());
        assertTrue(warnings.get(6).message().contains("also given on line 2"), warnings.get(6).toString());
        assertEquals("dup,10.8.0.7,\n", pool.persistText(), "the later line wins, as in 2.6");
    }

    @Test
    void aMissingFileIsEmpty() throws IOException {
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        assertEquals(List.of(), pool.load(dir.resolve("absent.txt")));
    }

    @Test
    void fixedEntriesGoOnlyToTheirOwnName() throws IOException {
        Path file = dir.resolve("ipp.txt");
        Files.writeString(file, "printer,10.8.0.2,\n");
        IfconfigPool pool = IfconfigPool.subnet(NET, ip("255.255.255.248"));
        pool.load(file, true);
        for (int i = 0; i < 4; i++) {
            assertTrue(take(pool, "c" + i).local() != ip("10.8.0.2"));
        }
        assertTrue(pool.acquire("c4", false).isEmpty(), "the fixed entry is not given away even when the pool is full");
        assertEquals(ip("10.8.0.2"), take(pool, "printer").local());
    }

    @Test
    void saveReplacesTheFileAndKeepsItsPermissions() throws IOException {
        Path file = dir.resolve("ipp.txt");
        Files.writeString(file, "stale,10.8.0.99,\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        IfconfigPool pool = IfconfigPool.subnet(NET, MASK24);
        take(pool, "a");
        pool.save(file);
        assertEquals("a,10.8.0.2,\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void concurrentAcquisitionsNeverShareAnAddress() throws Exception {
        IfconfigPool pool = IfconfigPool.subnet(NET, ip("255.255.252.0"));
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        Lease lease = pool.acquire("t" + thread + "-" + i, false).orElseThrow();
                        assertTrue(seen.add(lease.local()), "address handed out twice");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(800, seen.size());
    }
}
