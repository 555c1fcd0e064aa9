/**
 * The TLS slot: TLS engines for control channels and the keying-material exporter.
 *
 * <p>May depend on: none
 */
package dev.culvert.spi.tls;
