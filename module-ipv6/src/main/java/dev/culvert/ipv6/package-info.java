/**
 * IPv6 for the L3 slot: {@link dev.culvert.ipv6.Ipv6Protocol} validates the fixed header and the
 * extension-header chain, reports addresses to routing, clamps TCP MSS and writes ICMPv6 errors
 * (RFC 4443).
 *
 * <p>Internal to module-ipv6: nothing here is exported; the kernel finds the protocol as a
 * Declarative Services component or through {@link java.util.ServiceLoader}.
 *
 * <p>May depend on: dev.culvert.core.checksum, dev.culvert.core.graph, dev.culvert.core.l3,
 * dev.culvert.core.packet, dev.culvert.ipv6.wire, dev.culvert.spi.l3
 */
package dev.culvert.ipv6;
