/**
 * Test code only (stack-core's test-jar): a TLS handshake between two engines in memory, for the
 * tests of module-ssl-bc and of module-vpn's PEM reading, the specification both TLS modules'
 * tests extend ({@code AlgorithmChoiceContract}), and the JDK's own JSSE as their independent peer
 * ({@code SunJsseContexts}).
 */
package dev.culvert.testing.tls;
