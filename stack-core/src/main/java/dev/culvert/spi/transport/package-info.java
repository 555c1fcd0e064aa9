/**
 * The transport slot: sockets on the outside of the stack, UDP and TCP.
 *
 * <p>May depend on: dev.culvert.core.packet
 */
package dev.culvert.spi.transport;
