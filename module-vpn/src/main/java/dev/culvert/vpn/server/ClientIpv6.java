package dev.culvert.vpn.server;

import dev.culvert.vpn.ccd.ClientOverrides;
import dev.culvert.vpn.config.IfconfigIpv6;
import dev.culvert.vpn.config.TunnelNetwork6;
import dev.culvert.spi.route.Prefix;
import java.util.Optional;

/**
 * Chooses a client's IPv6 tunnel address on a server with {@code server-ipv6} or
 * {@code ifconfig-ipv6}, as 2.6 does (multi.c {@code multi_select_virtual_addr}): the client-config-dir file's
 * {@code ifconfig-ipv6-push} if it has one; else the address tied to its IPv4 pool entry
 * ({@link TunnelNetwork6#poolAddress}); else none. The last happens to a client with a fixed IPv4
 * address ({@code ifconfig-push}) and no {@code ifconfig-ipv6-push}: it holds no pool entry, so it
 * gets IPv4 only, as in 2.6 ("static IPv4, dynamic IPv6" is not implemented there either, and 2.6
 * logs a warning, as Culvert logs a note).
 */
final class ClientIpv6 {
    private ClientIpv6() {
    }

    /** What the chooser decided: an address, none, or a refusal (the IPv6 pool is smaller than the IPv4 one). */
    sealed interface Choice {
    }

    record Assigned(IfconfigIpv6 address) implements Choice {
    }

    record NoAddress() implements Choice {
    }

    record PoolTooSmall(int entry, int size) implements Choice {
    }

    /**
     * @param network   the server's IPv6 side, empty without {@code server-ipv6} or {@code ifconfig-ipv6}
     * @param poolEntry the client's IPv4 pool entry, or -1 when its IPv4 address is not from the pool
     */
    static Choice choose(Optional<TunnelNetwork6> network, ClientOverrides overrides, int poolEntry) {
        if (network.isEmpty()) {
            return new NoAddress();
        }
        TunnelNetwork6 net = network.get();
        if (overrides.ifconfigIpv6Push().isPresent()) {
            return new Assigned(overrides.ifconfigIpv6Push().get());
        }
        if (poolEntry < 0) {
            return new NoAddress();
        }
        Prefix address = net.poolAddress(poolEntry);
        if (address == null) {
            return new PoolTooSmall(poolEntry, net.poolSize());
        }
        return new Assigned(new IfconfigIpv6(address, net.bits(), null));
    }
}
