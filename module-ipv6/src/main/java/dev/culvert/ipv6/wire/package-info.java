/**
 * IPv6 and ICMPv6 on the wire: a view of the fixed header, a bounded walk of the extension-header
 * chain, both reading in place after checking lengths, and a value type for a parsed header.
 *
 * <p>Internal to module-ipv6.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet
 */
package dev.culvert.ipv6.wire;
