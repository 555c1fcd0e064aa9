/**
 * The kernel's L3 step and what every L3 module shares.
 *
 * <p>{@link dev.culvert.core.l3.L3Node} reads the version nibble of each packet and hands it to the
 * {@link dev.culvert.spi.l3.L3Protocol} bound for that version in the {@code l3} slot, so a stack
 * without an IPv6 module drops IPv6 with a counted reason and carries on. The helpers that both IP
 * versions need and that must not be copied into each module live here too: the ICMP
 * {@link dev.culvert.core.l3.TokenBucket} and {@link dev.culvert.core.l3.TcpMssClamp}.
 *
 * <p>May depend on: dev.culvert.core.checksum, dev.culvert.core.graph, dev.culvert.core.packet,
 * dev.culvert.core.slot, dev.culvert.spi.l3, dev.culvert.spi.route
 */
package dev.culvert.core.l3;
