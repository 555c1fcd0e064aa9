/**
 * OpenVPN 2.6 packets on the wire: the first byte (opcode and key id), session ids, a view
 * that parses a plain (unwrapped) control packet after checking every length, a value type for a
 * parsed packet and a writer that emits one, and a view over a data packet's cleartext head
 * (opcode, key id, peer id, packet id). Nothing here does I/O or reads a clock.
 *
 * <p>Internal to module-vpn.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet
 */
package dev.culvert.vpn.wire;
