/**
 * The compress slot: payload codecs, and OpenVPN's per-packet compression framing that every
 * codec shares, so that a receiver can decode whatever any installed codec produced.
 *
 * <p>May depend on: dev.culvert.core.config, dev.culvert.core.graph, dev.culvert.core.packet,
 * dev.culvert.spi.config
 */
package dev.culvert.spi.compress;
