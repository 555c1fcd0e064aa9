/**
 * IPv4 for the L3 slot: {@link dev.culvert.ipv4.Ipv4Protocol} validates headers, recognises
 * fragments, reports addresses to routing, clamps TCP MSS and writes ICMPv4 errors;
 * {@link dev.culvert.ipv4.MssfixDirective} claims OpenVPN's {@code mssfix}.
 *
 * <p>Internal to module-ipv4: nothing here is exported; the kernel finds these classes as
 * Declarative Services components or through {@link java.util.ServiceLoader}.
 *
 * <p>May depend on: dev.culvert.core.checksum, dev.culvert.core.graph, dev.culvert.core.l3,
 * dev.culvert.core.packet, dev.culvert.ipv4.wire, dev.culvert.spi.config, dev.culvert.spi.l3
 */
package dev.culvert.ipv4;
