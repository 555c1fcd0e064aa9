/**
 * The L3 slot: one protocol per IP version validates packets, reports their addresses to
 * routing, clamps TCP MSS and writes ICMP errors.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet
 */
package dev.culvert.spi.l3;
