/**
 * The compress slot: payload codecs, and OpenVPN's per-packet compression framing that every
 * codec shares, so that a receiver can decode whatever any installed codec produced.
 *
 * <p>May depend on {@code dev.culvert.core.packet}, {@code dev.culvert.core.graph},
 * {@code dev.culvert.core.config} (to read the compression directives) and the JDK; never on a
 * module.
 */
package dev.culvert.spi.compress;
