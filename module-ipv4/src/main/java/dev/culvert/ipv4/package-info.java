/**
 * IPv4 for the L3 slot: {@link dev.culvert.ipv4.Ipv4Protocol} validates headers, recognises
 * fragments, reports addresses to routing, clamps TCP MSS and writes ICMPv4 errors;
 * {@link dev.culvert.ipv4.MssfixDirective} claims OpenVPN's {@code mssfix}.
 *
 * <p>Internal to module-ipv4: nothing here is exported; the kernel finds these classes as
 * Declarative Services components or through {@link java.util.ServiceLoader}. Depends on
 * stack-core's SPI ({@code dev.culvert.spi.l3}, {@code dev.culvert.spi.config}), the kernel's
 * {@code core.packet}, {@code core.graph}, {@code core.checksum}, {@code core.l3} and
 * {@code core.config}, {@code dev.culvert.ipv4.wire}, and the JDK; never on another module.
 */
package dev.culvert.ipv4;
