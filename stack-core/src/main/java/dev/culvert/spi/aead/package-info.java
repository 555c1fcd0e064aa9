/**
 * The AEAD slot: authenticated ciphers for the data channel, keyed from bytes so that a new
 * provider rebuilds its contexts from the same keys without renegotiating.
 *
 * <p>May depend on: none
 */
package dev.culvert.spi.aead;
