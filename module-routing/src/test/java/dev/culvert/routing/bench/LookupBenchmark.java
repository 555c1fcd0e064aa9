package dev.culvert.routing.bench;

import dev.culvert.routing.ClientServerRouter;
import dev.culvert.routing.LinearScan;
import dev.culvert.routing.RandomPrefixes;
import dev.culvert.routing.ServerTables;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.Router;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Destination lookups per second: the router's trie ({@code trie}, the whole worker path:
 * {@link Router#route} from the TUN, snapshot read included) against a scan of every entry
 * ({@code linearScan}), for tables of 10 to 10 000 prefixes of two shapes, IPv4 and IPv6. Each
 * invocation looks up 1024 addresses drawn near the prefixes (hits and misses mixed), from a fixed
 * seed. Run: {@code bench/jmh.sh module-routing LookupBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(time = 2)
@Measurement(time = 2)
@Fork(1)
public class LookupBenchmark {
    private static final int ADDRESSES = 1024;

    @Param({"10", "100", "1000", "10000"})
    public int prefixes;

    @Param({"4", "6"})
    public int version;

    /** {@code nested}: prefixes of every length nested near a few bases, a binary trie's worst case;
     * {@code server}: an OpenVPN server's table, client host addresses in a pool plus some iroutes. */
    @Param({"nested", "server"})
    public String shape;

    private ClientServerRouter router;
    private LinearScan scan;
    private final long[] hi = new long[ADDRESSES];
    private final long[] lo = new long[ADDRESSES];
    private final L3Metadata meta = new L3Metadata();

    @Setup
    public void setUp() {
        RandomPrefixes nested = new RandomPrefixes(20261122L, version);
        ServerTables server = new ServerTables(20261122L, version);
        Map<Prefix, Long> entries = shape.equals("server") ? server.table(prefixes) : nested.table(prefixes);
        router = new ClientServerRouter();
        entries.forEach(router.table()::put);
        scan = new LinearScan(entries);
        for (int i = 0; i < ADDRESSES; i++) {
            long[] a = shape.equals("server") ? server.address() : nested.address();
            hi[i] = a[0];
            lo[i] = a[1];
        }
    }

    private void fill(int i) {
        if (version == 4) {
            meta.setIpv4(0x0a080001, (int) lo[i], 17, 20, false);
        } else {
            meta.setIpv6(0xfd00000000000000L, 1, hi[i], lo[i], 17, 40, false);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ADDRESSES)
    public void trie(Blackhole out) {
        for (int i = 0; i < ADDRESSES; i++) {
            fill(i);
            out.consume(router.route(Router.LOCAL, meta));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ADDRESSES)
    public void linearScan(Blackhole out) {
        for (int i = 0; i < ADDRESSES; i++) {
            fill(i);
            out.consume(scan.lookup(meta.version(), meta.dstHi(), meta.dstLo()));
        }
    }
}
