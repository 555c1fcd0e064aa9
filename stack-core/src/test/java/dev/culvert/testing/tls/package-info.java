/**
 * Test code only (stack-core's test-jar): a TLS handshake between two engines in memory, for the
 * tests of module-ssl-bc and of module-vpn's PEM reading, and the specification both TLS modules'
 * tests extend ({@code AlgorithmChoiceContract}).
 */
package dev.culvert.testing.tls;
