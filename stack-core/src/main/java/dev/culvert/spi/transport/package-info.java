/**
 * The transport slot: sockets on the outside of the stack, UDP and TCP.
 *
 * <p>May depend on {@code dev.culvert.core.packet}, {@code dev.culvert.core.graph} and the JDK;
 * never on a module.
 */
package dev.culvert.spi.transport;
