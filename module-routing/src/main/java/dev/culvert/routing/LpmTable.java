package dev.culvert.routing;

import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.RouteTable;
import dev.culvert.spi.route.Router;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The routing table: the control plane edits a plain map, and every edit rebuilds the tries and
 * publishes them in one volatile write (copy-on-write). Workers read {@link #snapshot()} and
 * never lock; the edits lock only against each other.
 *
 * <p>An edit costs time proportional to the table (about a microsecond per thousand entries per
 * trie level, once per call), which is why a session's entries go in with one
 * {@link #setPeer} call.
 */
final class LpmTable implements RouteTable {
    private final Map<Prefix, Long> entries = new HashMap<>();
    private boolean clientToClient;
    private volatile RoutingSnapshot snapshot = RoutingSnapshot.EMPTY;

    /** The current state, for a worker's lookup. */
    RoutingSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public synchronized void put(Prefix prefix, long target) {
        checkTarget(target);
        entries.put(prefix, target);
        publish();
    }

    @Override
    public synchronized boolean remove(Prefix prefix) {
        boolean removed = entries.remove(prefix) != null;
        if (removed) {
            publish();
        }
        return removed;
    }

    @Override
    public synchronized void setPeer(long peer, Collection<Prefix> prefixes) {
        if (peer < 0) {
            throw new IllegalArgumentException("a peer handle is >= 0, not " + peer);
        }
        Set<Prefix> wanted = new HashSet<>(prefixes);
        entries.entrySet().removeIf(e -> e.getValue() == peer && !wanted.contains(e.getKey()));
        for (Prefix p : wanted) {
            entries.put(p, peer);
        }
        publish();
    }

    @Override
    public synchronized Map<Prefix, Long> entries() {
        return Map.copyOf(entries);
    }

    @Override
    public synchronized boolean clientToClient() {
        return clientToClient;
    }

    @Override
    public synchronized void setClientToClient(boolean enabled) {
        clientToClient = enabled;
        publish();
    }

    @Override
    public void copyFrom(RouteTable other) {
        if (other == this) {
            return;
        }
        Map<Prefix, Long> copied = other.entries();
        boolean c2c = other.clientToClient();
        copied.values().forEach(LpmTable::checkTarget);
        synchronized (this) {
            entries.clear();
            entries.putAll(copied);
            clientToClient = c2c;
            publish();
        }
    }

    private static void checkTarget(long target) {
        if (target < 0 && target != Router.LOCAL && target != Router.UNREACHABLE) {
            throw new IllegalArgumentException("a target is a peer handle >= 0, LOCAL or UNREACHABLE, not " + target);
        }
    }

    private void publish() {
        Map<PrefixTrie.Key, Long> v4 = new HashMap<>();
        Map<PrefixTrie.Key, Long> v6 = new HashMap<>();
        for (Map.Entry<Prefix, Long> e : entries.entrySet()) {
            Prefix p = e.getKey();
            if (p.version() == 4) {
                v4.put(new PrefixTrie.Key(PrefixTrie.ipv4Key(p.lo()), 0, p.length()), e.getValue());
            } else {
                v6.put(new PrefixTrie.Key(p.hi(), p.lo(), p.length()), e.getValue());
            }
        }
        snapshot = new RoutingSnapshot(PrefixTrie.buildNarrow(v4), PrefixTrie.build(v6), clientToClient);
    }
}
