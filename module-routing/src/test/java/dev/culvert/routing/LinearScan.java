package dev.culvert.routing;

import dev.culvert.spi.route.Prefix;
import java.util.List;
import java.util.Map;

/**
 * The obvious longest-prefix match: look at every entry, keep the longest that holds the address.
 * The reference the trie is checked against, and the baseline it is measured against.
 */
public final class LinearScan {
    private final long[] hi;
    private final long[] lo;
    private final long[] maskHi;
    private final long[] maskLo;
    private final int[] length;
    private final long[] target;

    public LinearScan(Map<Prefix, Long> entries) {
        List<Map.Entry<Prefix, Long>> list = List.copyOf(entries.entrySet());
        int n = list.size();
        hi = new long[n];
        lo = new long[n];
        maskHi = new long[n];
        maskLo = new long[n];
        length = new int[n];
        target = new long[n];
        for (int i = 0; i < n; i++) {
            Prefix p = list.get(i).getKey();
            // Same key layout as the trie, so one scan serves both versions.
            hi[i] = p.version() == 4 ? PrefixTrie.ipv4Key(p.lo()) : p.hi();
            lo[i] = p.version() == 4 ? 0 : p.lo();
            maskHi[i] = PrefixTrie.highMask(p.length());
            maskLo[i] = PrefixTrie.lowMask(p.length());
            length[i] = p.length();
            target[i] = list.get(i).getValue();
        }
    }

    /** The target of the longest entry holding the address, held as {@link dev.culvert.spi.l3.L3Metadata} holds it. */
    public long lookup(int version, long hi, long lo) {
        return version == 4 ? lookup(PrefixTrie.ipv4Key(lo), 0) : lookup(hi, lo);
    }

    /** The target of the longest entry holding the 128-bit key, or {@link PrefixTrie#NO_MATCH}. */
    public long lookup(long keyHi, long keyLo) {
        long best = PrefixTrie.NO_MATCH;
        int bestLength = -1;
        for (int i = 0; i < hi.length; i++) {
            if (((keyHi ^ hi[i]) & maskHi[i]) == 0 && ((keyLo ^ lo[i]) & maskLo[i]) == 0 && length[i] > bestLength) {
                best = target[i];
                bestLength = length[i];
            }
        }
        return best;
    }
}
