package dev.culvert.routing;

import dev.culvert.core.slot.Ranked;
import dev.culvert.spi.l3.L3Metadata;
import dev.culvert.spi.route.RouteTable;
import dev.culvert.spi.route.Router;

/**
 * What the hub's and the mesh's routers share: one longest-prefix table ({@link LpmTable}) whose
 * entries a peer owns, and the rule that a peer may send only from an address whose longest match
 * is one of its own entries. Each topology says where a packet goes ({@link #route}).
 */
abstract class OwnedPrefixRouter implements Router, Ranked {
    /** The table; subclasses read it through {@link LpmTable#snapshot()}, once per packet. */
    final LpmTable table = new LpmTable();
    private final String name;
    private final int ranking;

    OwnedPrefixRouter(String name, int ranking) {
        this.name = name;
        this.ranking = ranking;
    }

    @Override
    public final boolean sourceAllowed(long peer, L3Metadata meta) {
        return peer >= 0 && table.snapshot().lookup(meta.version(), meta.srcHi(), meta.srcLo()) == peer;
    }

    @Override
    public final RouteTable table() {
        return table;
    }

    @Override
    public final int ranking() {
        return ranking;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String toString() {
        return name;
    }
}
