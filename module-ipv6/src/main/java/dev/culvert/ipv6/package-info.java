/**
 * IPv6 for the L3 slot: {@link dev.culvert.ipv6.Ipv6Protocol} validates the fixed header and the
 * extension-header chain, reports addresses to routing, clamps TCP MSS and writes ICMPv6 errors
 * (RFC 4443).
 *
 * <p>Internal to module-ipv6: nothing here is exported; the kernel finds the protocol as a
 * Declarative Services component or through {@link java.util.ServiceLoader}. Depends on
 * stack-core's SPI ({@code dev.culvert.spi.l3}), the kernel's {@code core.packet},
 * {@code core.graph}, {@code core.checksum} and {@code core.l3}, {@code dev.culvert.ipv6.wire},
 * and the JDK; never on another module (in particular not on module-ipv4).
 */
package dev.culvert.ipv6;
