/**
 * Test code only (stack-core's test-jar): a TLS handshake between two engines in memory, for the
 * tests of module-ssl-bc and of module-vpn's PEM reading.
 */
package dev.culvert.testing.tls;
