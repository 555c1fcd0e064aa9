/**
 * The AEAD slot: authenticated ciphers for the data channel, keyed from bytes so that a new
 * provider rebuilds its contexts from the same keys without renegotiating.
 *
 * <p>May depend on {@code dev.culvert.core.packet}, {@code dev.culvert.core.graph} and the JDK;
 * never on a module.
 */
package dev.culvert.spi.aead;
