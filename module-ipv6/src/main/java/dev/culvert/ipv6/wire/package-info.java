/**
 * IPv6 and ICMPv6 on the wire: a view of the fixed header, a bounded walk of the extension-header
 * chain, both reading in place after checking lengths, and a value type for a parsed header.
 *
 * <p>Internal to module-ipv6. Depends on {@code dev.culvert.core.packet},
 * {@code dev.culvert.core.graph} (drop reasons), {@code dev.culvert.core.checksum} and the JDK.
 */
package dev.culvert.ipv6.wire;
