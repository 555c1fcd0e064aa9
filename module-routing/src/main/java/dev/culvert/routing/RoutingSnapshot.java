package dev.culvert.routing;

/**
 * One published state of a table: the IPv4 and IPv6 tries and the client-to-client setting.
 * Immutable; workers read whichever snapshot was current when they started a lookup, so every
 * answer comes from one whole table.
 */
record RoutingSnapshot(PrefixTrie ipv4, PrefixTrie ipv6, boolean clientToClient) {
    static final RoutingSnapshot EMPTY = new RoutingSnapshot(PrefixTrie.EMPTY, PrefixTrie.EMPTY, false);

    /**
     * The target of the longest prefix holding the address, or {@link PrefixTrie#NO_MATCH}; the
     * address as {@link dev.culvert.spi.l3.L3Metadata} holds it.
     */
    long lookup(int version, long hi, long lo) {
        if (version == 4) {
            return ipv4.lookupNarrow(PrefixTrie.ipv4Key(lo));
        }
        if (version == 6) {
            return ipv6.lookup(hi, lo);
        }
        return PrefixTrie.NO_MATCH;
    }
}
