/**
 * Virtual links: an in-memory stand-in for a TUN device or a cable, so that stacks in one JVM
 * exchange packets without root: tests, the demo, and applications that embed Culvert and want
 * packets as bytes rather than through the kernel.
 *
 * <p>Depends on {@code dev.culvert.core.packet}, {@code dev.culvert.spi.link} and the JDK.
 */
package dev.culvert.core.link;
