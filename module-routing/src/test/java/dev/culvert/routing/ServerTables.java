package dev.culvert.routing;

import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tables shaped like an OpenVPN server's, from a fixed seed: a default and the tunnel pool go to
 * the TUN; nine clients in ten own one host address in the pool, the tenth an iroute (a site
 * network). Addresses are drawn mostly inside the entries, some in the pool's free space, some
 * anywhere.
 */
public final class ServerTables {
    private final SplittableRandom random;
    private final int version;
    private final List<Prefix> drawn = new ArrayList<>();

    public ServerTables(long seed, int version) {
        this.random = new SplittableRandom(seed);
        this.version = version;
    }

    private Prefix pool() {
        return version == 4 ? Prefix.parse("10.8.0.0/16") : Prefix.parse("fd00:0:0:1::/64");
    }

    public Map<Prefix, Long> table(int count) {
        Map<Prefix, Long> entries = new LinkedHashMap<>();
        entries.put(version == 4 ? Prefix.parse("0.0.0.0/0") : Prefix.parse("::/0"), Router.LOCAL);
        entries.put(pool(), Router.LOCAL);
        while (entries.size() < count) {
            Prefix p;
            if (random.nextInt(10) != 0) {
                long[] a = inside(pool());
                p = Prefix.host(version, a[0], a[1]);
            } else if (version == 4) {
                p = Prefix.masked(4, 0, 0xac000000L | (random.nextLong() & 0x00ffffffL), 20 + random.nextInt(9));
            } else {
                p = Prefix.masked(6, 0x20010db800000000L | (random.nextLong() & 0xffffffffL), random.nextLong(), 48 + random.nextInt(17));
            }
            if (entries.putIfAbsent(p, (long) entries.size()) == null) {
                drawn.add(p);
            }
        }
        return entries;
    }

    /** An address: in an entry seven times in ten, in the pool twice, anywhere once. */
    public long[] address() {
        int pick = random.nextInt(10);
        if (pick < 7 && !drawn.isEmpty()) {
            return inside(drawn.get(random.nextInt(drawn.size())));
        }
        if (pick < 9) {
            return inside(pool());
        }
        return version == 4 ? new long[] {0, random.nextLong() & 0xffffffffL} : new long[] {random.nextLong(), random.nextLong()};
    }

    private long[] inside(Prefix p) {
        if (version == 4) {
            return new long[] {0, p.lo() | (random.nextLong() & ~Prefix.ipv4Mask(p.length()) & 0xffffffffL)};
        }
        return new long[] {p.hi() | (random.nextLong() & ~Prefix.highMask(p.length())), p.lo() | (random.nextLong() & ~Prefix.lowMask(p.length()))};
    }
}
