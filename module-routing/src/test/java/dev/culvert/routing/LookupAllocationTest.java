package dev.culvert.routing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.Router;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The workers' side allocates nothing: route and sourceAllowed, IPv4 and IPv6. */
class LookupAllocationTest {
    private static final int LOOKUPS = 200_000;

    @Test
    void routeAndSourceCheckAllocateNothing() {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "needs HotSpot's per-thread allocation counter");
        var counter = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled());

        ClientServerRouter router = new ClientServerRouter();
        router.table().setClientToClient(true);
        for (int v : new int[] {4, 6}) {
            Map<Prefix, Long> entries = new RandomPrefixes(5 + v, v).table(1000);
            entries.forEach(router.table()::put);
        }
        long[][] v4 = new long[1024][];
        long[][] v6 = new long[1024][];
        RandomPrefixes a4 = new RandomPrefixes(9, 4);
        RandomPrefixes a6 = new RandomPrefixes(11, 6);
        for (int i = 0; i < 1024; i++) {
            v4[i] = a4.address();
            v6[i] = a6.address();
        }
        L3Metadata meta = new L3Metadata();
        long sink = run(router, meta, v4, v6);
        long thread = Thread.currentThread().threadId();
        long before = counter.getThreadAllocatedBytes(thread);
        sink += run(router, meta, v4, v6);
        long allocated = counter.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < LOOKUPS / 8, allocated + " bytes for " + LOOKUPS + " lookups (" + sink + ")");
    }

    private static long run(Router router, L3Metadata meta, long[][] v4, long[][] v6) {
        long sum = 0;
        for (int i = 0; i < LOOKUPS / 4; i++) {
            long[] a = v4[i & 1023];
            meta.setIpv4((int) a[1], (int) a[1], 6, 20, false);
            sum += router.route(Router.LOCAL, meta) + router.route(3, meta) + (router.sourceAllowed(3, meta) ? 1 : 0);
            long[] b = v6[i & 1023];
            meta.setIpv6(b[0], b[1], b[0], b[1], 6, 40, false);
            sum += router.route(Router.LOCAL, meta) + (router.sourceAllowed(3, meta) ? 1 : 0);
        }
        return sum;
    }
}
