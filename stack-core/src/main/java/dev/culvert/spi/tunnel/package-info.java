/**
 * The tunnel slot: VPN protocols that turn inside packets into wire packets and back.
 *
 * <p>May depend on {@code dev.culvert.core.packet}, {@code dev.culvert.core.graph} and the JDK;
 * never on a module.
 */
package dev.culvert.spi.tunnel;
