/**
 * OpenVPN 2.6 packets on the wire: the first byte (opcode and key id), session ids, a view
 * that parses a plain (unwrapped) control packet after checking every length, a value type for a
 * parsed packet and a writer that emits one, and a view over a data packet's cleartext head
 * (opcode, key id, peer id, packet id). Nothing here does I/O or reads a clock.
 *
 * <p>Internal to module-vpn. May depend on {@code dev.culvert.core.graph} (drop reasons),
 * {@code dev.culvert.core.packet} (the packet a data view reads) and the JDK.
 */
package dev.culvert.vpn.wire;
