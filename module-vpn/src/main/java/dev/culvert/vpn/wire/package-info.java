/**
 * OpenVPN 2.6 control packets on the wire: the first byte (opcode and key id), session ids, a view
 * that parses a plain (unwrapped) control packet after checking every length, a value type for a
 * parsed packet and a writer that emits one. Nothing here does I/O or reads a clock.
 *
 * <p>Internal to module-vpn. Depends on {@code dev.culvert.core.graph} (drop reasons) and the JDK.
 */
package dev.culvert.vpn.wire;
