package dev.culvert.spi.l3;

/** The ICMP errors the stack generates, named by meaning; each L3 protocol maps them to its types and codes. */
public enum IcmpError {
    /**
     * No route to the destination: ICMPv4 type 3 code 1 host unreachable (RFC 1812 §5.2.7.1 asks
     * routers for code 1 rather than net unreachable); ICMPv6 type 1 code 0.
     */
    NO_ROUTE,
    /** Too big for the next hop (ICMPv4 type 3 code 4 with DF set, RFC 1191; ICMPv6 type 2 packet too big). */
    PACKET_TOO_BIG,
    /** Administratively prohibited, e.g. a spoofed source (ICMPv4 type 3 code 13; ICMPv6 type 1 code 1). */
    PROHIBITED
}
