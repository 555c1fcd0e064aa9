package dev.culvert.routing;

import java.util.Map;

/**
 * An immutable path-compressed binary trie (a Patricia trie) over 128-bit keys, answering
 * longest-prefix-match lookups. IPv6 prefixes use all 128 bits; IPv4 ones are shifted to the top
 * 32 ({@link #ipv4Key}), so one structure serves both.
 *
 * <p>The nodes sit in one {@code long[]} in depth-first order: key, mask, target and children are
 * read in place, so a lookup is a short loop over one array and allocates nothing. A wide trie
 * (IPv6) takes eight longs, one cache line, a node. A narrow one ({@link #buildNarrow}, for IPv4)
 * takes four: the key's low 32 bits are free, so they hold the prefix length, and both children
 * share one long; two nodes to a cache line halves the memory a lookup walks through. Every node on the way down is checked against its whole prefix
 * (one XOR and AND per half), which is what lets a lookup stop early and keeps path compression
 * correct without backtracking. Never changed after {@link #build}: a new table is a new trie.
 */
final class PrefixTrie {
    /** What {@link #lookup} answers when no prefix holds the address. */
    static final long NO_MATCH = Long.MIN_VALUE;

    private static final int KEY_HI = 0;
    private static final int KEY_LO = 1;
    private static final int MASK_HI = 2;
    private static final int MASK_LO = 3;
    private static final int TARGET = 4;
    private static final int CHILD = 5;
    private static final int LENGTH = 7;
    private static final int STRIDE = 8;

    private static final int NARROW_KEY = 0;
    private static final int NARROW_MASK = 1;
    private static final int NARROW_TARGET = 2;
    private static final int NARROW_CHILDREN = 3;
    private static final int NARROW_STRIDE = 4;

    static final PrefixTrie EMPTY = new PrefixTrie(new long[0]);

    private final long[] nodes;

    private PrefixTrie(long[] nodes) {
        this.nodes = nodes;
    }

    /** The trie of {@code entries}: key {hi, lo, length} packed as {@link Key}, value the target. */
    static PrefixTrie build(Map<Key, Long> entries) {
        if (entries.isEmpty()) {
            return EMPTY;
        }
        Builder root = null;
        for (Map.Entry<Key, Long> e : entries.entrySet()) {
            Key k = e.getKey();
            root = insert(root, k.hi, k.lo, k.length, e.getValue());
        }
        long[] nodes = new long[count(root) * STRIDE];
        flatten(root, nodes, 0);
        return new PrefixTrie(nodes);
    }

    /**
     * The narrow trie of {@code entries}, whose keys all have {@code lo == 0} and a length of at
     * most 32 (IPv4 keys from {@link #ipv4Key}); read it with {@link #lookupNarrow}.
     */
    static PrefixTrie buildNarrow(Map<Key, Long> entries) {
        if (entries.isEmpty()) {
            return EMPTY;
        }
        Builder root = null;
        for (Map.Entry<Key, Long> e : entries.entrySet()) {
            Key k = e.getKey();
            if (k.lo != 0 || k.length > 32 || (k.hi & 0xffffffffL) != 0) {
                throw new IllegalArgumentException("not a 32-bit key: " + k);
            }
            root = insert(root, k.hi, k.lo, k.length, e.getValue());
        }
        long[] nodes = new long[count(root) * NARROW_STRIDE];
        flattenNarrow(root, nodes, 0);
        return new PrefixTrie(nodes);
    }

    /** {@link #lookup} for a trie from {@link #buildNarrow}: {@code key} is {@link #ipv4Key}'s. */
    long lookupNarrow(long key) {
        long[] t = nodes;
        long best = NO_MATCH;
        int n = t.length == 0 ? -1 : 0;
        while (n >= 0) {
            long keyAndLength = t[n + NARROW_KEY];
            // The mask covers at most the top 32 bits, so the length in the low bits never spoils the compare.
            if (((key ^ keyAndLength) & t[n + NARROW_MASK]) != 0) {
                break;
            }
            long target = t[n + NARROW_TARGET];
            if (target != NO_MATCH) {
                best = target;
            }
            int length = (int) keyAndLength & 0xff;
            // Child 0 in the high half, child 1 in the low half; the key's bit at `length` picks one.
            long bit = (key >>> (63 - length)) & 1;
            n = (int) (t[n + NARROW_CHILDREN] >> ((bit ^ 1) << 5));
        }
        return best;
    }

    /** The target of the longest prefix holding {@code hi:lo}, or {@link #NO_MATCH}. */
    long lookup(long hi, long lo) {
        long[] t = nodes;
        long best = NO_MATCH;
        int n = t.length == 0 ? -1 : 0;
        while (n >= 0) {
            if ((((hi ^ t[n + KEY_HI]) & t[n + MASK_HI]) | ((lo ^ t[n + KEY_LO]) & t[n + MASK_LO])) != 0) {
                break;
            }
            long target = t[n + TARGET];
            if (target != NO_MATCH) {
                best = target;
            }
            int length = (int) t[n + LENGTH];
            // At length 128 the shift wraps, but such a node has no children, so either bit ends the walk.
            long bit = length < 64 ? (hi >>> (63 - length)) & 1 : (lo >>> (127 - length)) & 1;
            n = (int) t[n + CHILD + (int) bit];
        }
        return best;
    }

    /** How many longs the trie's nodes take; for tests and sizing. */
    int size() {
        return nodes.length;
    }

    /** The 128-bit key of an IPv4 address (or network) held in the low 32 bits of {@code lo}. */
    static long ipv4Key(long lo) {
        return lo << 32;
    }

    /** A prefix as the trie sees it: the first {@code length} bits of {@code hi:lo}, the rest zero. */
    record Key(long hi, long lo, int length) {
        // A record's generated equals and hashCode link through java.lang.runtime.ObjectMethods the first
        // time they run, several milliseconds of a fresh node's first client connect (JFR); written out,
        // they cost nothing to link.
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hi == hi && k.lo == lo && k.length == length;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Long.hashCode(hi) + Long.hashCode(lo)) + length;
        }
    }

    private static final class Builder {
        final long hi;
        final long lo;
        final int length;
        long target = NO_MATCH;
        Builder zero;
        Builder one;

        Builder(long hi, long lo, int length) {
            this.hi = hi;
            this.lo = lo;
            this.length = length;
        }
    }

    private static Builder insert(Builder n, long hi, long lo, int length, long target) {
        if (n == null) {
            Builder leaf = new Builder(hi, lo, length);
            leaf.target = target;
            return leaf;
        }
        int common = Math.min(commonLength(n.hi, n.lo, hi, lo), Math.min(n.length, length));
        if (common == n.length) {
            if (length == n.length) {
                n.target = target;
            } else if (bit(hi, lo, n.length) == 0) {
                n.zero = insert(n.zero, hi, lo, length, target);
            } else {
                n.one = insert(n.one, hi, lo, length, target);
            }
            return n;
        }
        Builder above;
        if (common == length) {
            above = new Builder(hi, lo, length);
            above.target = target;
        } else {
            above = new Builder(hi & highMask(common), lo & lowMask(common), common);
            Builder leaf = new Builder(hi, lo, length);
            leaf.target = target;
            attach(above, leaf, bit(hi, lo, common));
        }
        attach(above, n, bit(n.hi, n.lo, common));
        return above;
    }

    private static void attach(Builder parent, Builder child, int bit) {
        if (bit == 0) {
            parent.zero = child;
        } else {
            parent.one = child;
        }
    }

    private static int count(Builder n) {
        return n == null ? 0 : 1 + count(n.zero) + count(n.one);
    }

    /** Writes {@code n}'s subtree from node offset {@code at}; returns the offset after it. */
    private static int flatten(Builder n, long[] out, int at) {
        out[at + KEY_HI] = n.hi;
        out[at + KEY_LO] = n.lo;
        out[at + MASK_HI] = highMask(n.length);
        out[at + MASK_LO] = lowMask(n.length);
        out[at + TARGET] = n.target;
        out[at + LENGTH] = n.length;
        int next = at + STRIDE;
        out[at + CHILD] = n.zero == null ? -1 : next;
        if (n.zero != null) {
            next = flatten(n.zero, out, next);
        }
        out[at + CHILD + 1] = n.one == null ? -1 : next;
        if (n.one != null) {
            next = flatten(n.one, out, next);
        }
        return next;
    }

    /** Writes {@code n}'s subtree in the narrow layout from {@code at}; returns the offset after it. */
    private static int flattenNarrow(Builder n, long[] out, int at) {
        out[at + NARROW_KEY] = n.hi | n.length;
        out[at + NARROW_MASK] = highMask(n.length);
        out[at + NARROW_TARGET] = n.target;
        int next = at + NARROW_STRIDE;
        long zero = -1;
        if (n.zero != null) {
            zero = next;
            next = flattenNarrow(n.zero, out, next);
        }
        long one = -1;
        if (n.one != null) {
            one = next;
            next = flattenNarrow(n.one, out, next);
        }
        out[at + NARROW_CHILDREN] = (zero << 32) | (one & 0xffffffffL);
        return next;
    }

    private static int commonLength(long aHi, long aLo, long bHi, long bLo) {
        long x = aHi ^ bHi;
        return x != 0 ? Long.numberOfLeadingZeros(x) : 64 + Long.numberOfLeadingZeros(aLo ^ bLo);
    }

    private static int bit(long hi, long lo, int index) {
        return (int) (index < 64 ? (hi >>> (63 - index)) & 1 : (lo >>> (127 - index)) & 1);
    }

    static long highMask(int length) {
        return length <= 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
    }

    static long lowMask(int length) {
        return length <= 64 ? 0 : length >= 128 ? -1L : -1L << (128 - length);
    }
}
