package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.route.AddressText;
import dev.culvert.spi.route.Prefix;

/**
 * A network written in a directive's arguments, as {@code route} and {@code iroute} write it:
 * {@code NETWORK [NETMASK]} for IPv4 (no netmask or {@code default}: one host), {@code PREFIX/BITS}
 * for IPv6. Literals only, never host names. Module-routing checks the same lines when it is
 * installed; module-vpn reads them itself because modules do not depend on each other.
 */
public final class NetworkArgument {
    private NetworkArgument() {
    }

    /**
     * {@code NETWORK [NETMASK]} from argument {@code index} on: a contiguous netmask and no host
     * bits (2.6 keeps host bits in an iroute's table key, so such a line would never match; it is
     * refused with the network that was meant).
     */
    public static Prefix ipv4(Directive d, int index, String usage) throws ConfigException {
        String network = d.arg(index, usage);
        int address = literal(d, network, usage);
        int length = 32;
        if (d.args().size() > index + 1 && !d.args().get(index + 1).equals("default")) {
            int mask = literal(d, d.args().get(index + 1), usage);
            length = Integer.bitCount(mask);
            if (Prefix.ipv4Mask(length) != (mask & 0xffffffffL)) {
                throw new ConfigException(d, d.name() + " " + network + " " + d.args().get(index + 1)
                        + ": bad network/subnet specification: the netmask's one bits are not contiguous",
                        "write a netmask such as 255.255.255.0, as in: " + usage);
            }
        }
        long masked = (address & 0xffffffffL) & Prefix.ipv4Mask(length);
        if (masked != (address & 0xffffffffL)) {
            String mask = AddressText.ipv4((int) Prefix.ipv4Mask(length));
            throw new ConfigException(d, d.name() + " network " + network + " has host bits set for netmask " + mask,
                    "write the network address: '" + d.name() + " " + AddressText.ipv4((int) masked) + " " + mask + "'");
        }
        return Prefix.ipv4(address, length);
    }

    /** {@code PREFIX[/BITS]} at argument {@code index}; host bits are cleared, as 2.6 does for IPv6. */
    public static Prefix ipv6(Directive d, int index, String usage) throws ConfigException {
        Ipv6Text written = ipv6Unmasked(d, index, usage);
        return written.network();
    }

    /** An IPv6 argument as written: the address, and the length after its slash (128 without one). */
    public record Ipv6Text(long hi, long lo, int length) {
        /** The network of that length, host bits cleared. */
        public Prefix network() {
            return Prefix.masked(6, hi, lo, length);
        }

        /** The address alone, as a /128. */
        public Prefix host() {
            return Prefix.host(6, hi, lo);
        }
    }

    /** {@code ADDRESS[/BITS]} at argument {@code index} as written, host bits kept. */
    public static Ipv6Text ipv6Unmasked(Directive d, int index, String usage) throws ConfigException {
        String text = d.arg(index, usage);
        int slash = text.indexOf('/');
        int length = 128;
        if (slash >= 0) {
            String bits = text.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(bits) > 128) {
                throw new ConfigException(d, "bad " + d.name() + " prefix '" + text + "': the prefix length must be 0..128", "as in: " + usage);
            }
            length = Integer.parseInt(bits);
        }
        try {
            long[] a = AddressText.parseIpv6(slash < 0 ? text : text.substring(0, slash));
            return new Ipv6Text(a[0], a[1], length);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(d, "bad " + d.name() + " prefix '" + text + "': not an IPv6 address", "as in: " + usage);
        }
    }

    /** A dotted quad. */
    public static int literal(Directive d, String text, String usage) throws ConfigException {
        try {
            return AddressText.parseIpv4(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(d, d.name() + ": '" + text + "' is not an IPv4 address",
                    "write a dotted quad (Culvert does not resolve host names here), as in: " + usage);
        }
    }
}
