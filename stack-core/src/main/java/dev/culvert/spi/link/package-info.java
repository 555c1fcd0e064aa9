/**
 * The link slot: packet interfaces on the inside of the stack, TUN devices and virtual links.
 *
 * <p>May depend on: dev.culvert.core.packet
 */
package dev.culvert.spi.link;
