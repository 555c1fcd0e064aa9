/**
 * The TLS slot: TLS engines for control channels and the keying-material exporter.
 *
 * <p>May depend on {@code dev.culvert.core.packet}, {@code dev.culvert.core.graph} and the JDK;
 * never on a module.
 */
package dev.culvert.spi.tls;
