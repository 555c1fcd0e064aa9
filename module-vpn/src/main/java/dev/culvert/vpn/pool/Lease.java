package dev.culvert.vpn.pool;

/**
 * An address the pool handed to a client: the two operands of the {@code ifconfig} a server
 * pushes to it. With {@code topology subnet} that is the client's address and the pool's netmask
 * ({@code ifconfig 10.8.0.2 255.255.255.0}); with {@code topology net30} the client's address and
 * its point-to-point peer in the same /30 ({@code ifconfig 10.8.0.6 10.8.0.5}). Addresses are the
 * big-endian value of the dotted quad.
 *
 * @param commonName the client the lease was acquired for (with duplicate-cn the pool does not
 *     key the address by it, but it is kept here for logs and the status file)
 * @param local the client's own tunnel address
 * @param remoteOrNetmask net30: the client's peer address; subnet: the netmask
 */
public record Lease(String commonName, int local, int remoteOrNetmask) {
    // A record's generated equals and hashCode link through java.lang.runtime.ObjectMethods the first
    // time they run, several milliseconds of a fresh node's first client connect (JFR); written out,
    // they cost nothing to link.
    @Override
    public boolean equals(Object o) {
        return o instanceof Lease l && l.local == local && l.remoteOrNetmask == remoteOrNetmask
                && java.util.Objects.equals(l.commonName, commonName);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * java.util.Objects.hashCode(commonName) + local) + remoteOrNetmask;
    }
}
