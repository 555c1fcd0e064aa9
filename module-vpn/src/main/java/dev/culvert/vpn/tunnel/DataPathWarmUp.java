package dev.culvert.vpn.tunnel;

import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.core.worker.IdleThread;
import dev.culvert.spi.aead.AeadProvider;
import dev.culvert.spi.l3.L3Policy;
import dev.culvert.spi.link.LinkFactory;
import dev.culvert.vpn.data.AeadSource;
import dev.culvert.vpn.keys.DataCipher;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.Optional;

/**
 * Warms what a node's packets cross once the node is up (a server: once it listens; a client: once
 * connected), each part on an {@link IdleThread}: its links' own per-packet work
 * ({@link LinkFactory#warmUp}, the TUN offloads) and, with an AEAD cipher, the data path through
 * the graph's nodes ({@link GraphRehearsal}), so a fresh node's first tunnel does not run that code
 * interpreted or in C1's profiling tier (a fresh server's hops took twice a warm one's, a first
 * bulk transfer ramped over five seconds, and at a ping's rate the nodes stayed in C1 for over a
 * minute). At the lowest priority the warming takes only CPU that handshakes and forwarding leave
 * over. One log line each says what was warmed and how long it took.
 */
public final class DataPathWarmUp {
    private static final System.Logger LOG = System.getLogger(DataPathWarmUp.class.getName());

    private DataPathWarmUp() {
    }

    /** The cipher a server offering {@code dataCiphers} seals most tunnels with: the first AEAD one, if any. */
    public static Optional<DataCipher> likelyCipher(List<DataCipher> dataCiphers) {
        return dataCiphers.stream().filter(DataCipher::isAead).findFirst();
    }

    /**
     * Starts warming {@code links} and, where {@code cipher} is an AEAD cipher, the data path with
     * the L3 protocols and UDP transport of {@code registry}, {@code policy} and the contexts
     * {@code aead} gives (a provider that follows the aead slot is followed), over sockets of the
     * family of the node's own socket, bound to {@code nodeSocket}. A CBC cipher is 2.6's legacy
     * fallback, which the rehearsal leaves to the tunnels that use it. Returns the data path's
     * thread, if one started.
     */
    public static Optional<Thread> start(LinkFactory links, SlotRegistry registry, L3Policy policy, Optional<DataCipher> cipher,
                                         AeadProvider aead, InetSocketAddress nodeSocket) {
        links.warmUp();
        StandardProtocolFamily family = GraphRehearsal.familyOf(nodeSocket);
        return cipher.filter(DataCipher::isAead).map(c -> IdleThread.start("culvert-data-warm-up", () -> LOG.log(System.Logger.Level.INFO,
                GraphRehearsal.run(registry, policy, c, AeadSource.of(aead), GraphRehearsal.ROUND_TRIPS, family))));
    }
}
