/**
 * The link slot: packet interfaces on the inside of the stack, TUN devices and virtual links.
 *
 * <p>May depend on {@code dev.culvert.core.packet}, {@code dev.culvert.core.graph} and the JDK;
 * never on a module.
 */
package dev.culvert.spi.link;
