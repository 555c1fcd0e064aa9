/**
 * The tunnel slot: VPN protocols that turn inside packets into wire packets and back.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.packet
 */
package dev.culvert.spi.tunnel;
