package dev.culvert.routing;

import dev.culvert.spi.route.Prefix;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random tables and addresses for tests and benchmarks, from a fixed seed. Prefixes are drawn near
 * a few bases so they overlap and nest, as real tables do (client /32s inside a pool, iroutes
 * inside site networks), rather than scattering over the whole space.
 */
public final class RandomPrefixes {
    private final SplittableRandom random;
    private final int version;
    private final long[] baseHi = new long[4];
    private final long[] baseLo = new long[4];

    public RandomPrefixes(long seed, int version) {
        this.random = new SplittableRandom(seed);
        this.version = version;
        for (int i = 0; i < baseHi.length; i++) {
            baseHi[i] = version == 4 ? 0 : random.nextLong();
            baseLo[i] = version == 4 ? random.nextLong() & 0xffffffffL : random.nextLong();
        }
    }

    /** {@code count} distinct prefixes, each to a target 0..count-1 (or LOCAL for a few). */
    public Map<Prefix, Long> table(int count) {
        Map<Prefix, Long> entries = new LinkedHashMap<>();
        int bits = version == 4 ? 32 : 128;
        while (entries.size() < count) {
            int length = random.nextInt(4) == 0 ? random.nextInt(bits + 1) : bits - random.nextInt(bits / 4 + 1);
            long[] a = address();
            Prefix p = Prefix.masked(version, a[0], a[1], length);
            entries.putIfAbsent(p, random.nextInt(16) == 0 ? -1L : (long) entries.size());
        }
        return entries;
    }

    /** An address near one of the bases (so it often falls inside a prefix), or anywhere. */
    public long[] address() {
        int b = random.nextInt(baseHi.length);
        long hi = baseHi[b];
        long lo = baseLo[b];
        if (random.nextInt(8) == 0) {
            hi = version == 4 ? 0 : random.nextLong();
            lo = version == 4 ? random.nextLong() & 0xffffffffL : random.nextLong();
        }
        // Flip a few bits, mostly low-order ones, so addresses share long prefixes with the bases.
        int bits = version == 4 ? 32 : 128;
        int flips = random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            int bit = random.nextInt(1 + random.nextInt(bits));
            if (bit < 64) {
                lo ^= 1L << bit;
            } else {
                hi ^= 1L << (bit - 64);
            }
        }
        return new long[] {hi, lo};
    }

    /** The trie's key for an address of this version. */
    public long[] key(long[] address) {
        return version == 4 ? new long[] {PrefixTrie.ipv4Key(address[1]), 0} : address;
    }
}
