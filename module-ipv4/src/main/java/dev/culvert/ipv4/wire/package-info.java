/**
 * IPv4 and ICMPv4 on the wire: views that read and write header fields in place in a packet's
 * buffer, after checking lengths once, and a value type for a parsed header.
 *
 * <p>Internal to module-ipv4.
 *
 * <p>May depend on: dev.culvert.core.checksum, dev.culvert.core.graph, dev.culvert.core.packet
 */
package dev.culvert.ipv4.wire;
