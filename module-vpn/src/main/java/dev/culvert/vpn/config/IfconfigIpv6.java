package dev.culvert.vpn.config;

import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;
import java.util.Objects;

/**
 * A client's IPv6 tunnel address as a server pushes it: {@code ifconfig-ipv6 ADDRESS/BITS REMOTE}.
 *
 * @param address the client's address, a host (/128)
 * @param bits    the on-link length it is pushed with (the tunnel network's)
 * @param remote  the remote end, a host, or null for the server's own tunnel address (2.6's default)
 */
public record IfconfigIpv6(Prefix address, int bits, Prefix remote) {
    public IfconfigIpv6 {
        Objects.requireNonNull(address, "address");
        if (address.version() != 6 || address.length() != 128 || (remote != null && (remote.version() != 6 || remote.length() != 128))) {
            throw new IllegalArgumentException("IPv6 hosts expected: " + address + " " + remote);
        }
        if (bits < 0 || bits > 128) {
            throw new IllegalArgumentException("an IPv6 prefix length is 0..128, not " + bits);
        }
    }

    /** {@code ADDRESS/BITS}, the first argument of the push. */
    public String addressWithBits() {
        return AddressText.ipv6(address.hi(), address.lo()) + "/" + bits;
    }

    /** The remote end's text, {@code serverAddress} when none was given. */
    public String remoteText(Prefix serverAddress) {
        Prefix r = remote != null ? remote : serverAddress;
        return AddressText.ipv6(r.hi(), r.lo());
    }
}
