/**
 * The L3 slot: one protocol per IP version validates packets, reports their addresses to
 * routing, clamps TCP MSS and writes ICMP errors.
 *
 * <p>May depend on {@code dev.culvert.core.packet}, {@code dev.culvert.core.graph} and the JDK;
 * never on a module.
 */
package dev.culvert.spi.l3;
