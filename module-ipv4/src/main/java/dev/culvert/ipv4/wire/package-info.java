/**
 * IPv4 and ICMPv4 on the wire: views that read and write header fields in place in a packet's
 * buffer, after checking lengths once, and a value type for a parsed header.
 *
 * <p>Internal to module-ipv4. Depends on {@code dev.culvert.core.packet},
 * {@code dev.culvert.core.graph} (drop reasons), {@code dev.culvert.core.checksum} and the JDK.
 */
package dev.culvert.ipv4.wire;
