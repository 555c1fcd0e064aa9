/**
 * Peer-certificate checks every TLS provider shares, in words an operator acts on: the validity
 * dates and the issuing CA ({@link dev.culvert.core.tlscheck.PeerChainCheck}), OpenVPN's
 * {@code remote-cert-tls} ({@link dev.culvert.core.tlscheck.PeerUsageCheck}), and a trust manager
 * that runs them before the JDK's PKIX validation and keeps the first refusal so that a provider
 * can put it into the handshake exception ({@link dev.culvert.core.tlscheck.ExplainingTrustManager}).
 * Also the key managers both providers build from a configured chain and key
 * ({@link dev.culvert.core.tlscheck.InMemoryKeyManagers}), one context per set of settings
 * ({@link dev.culvert.core.tlscheck.SharedContexts}), and the per-engine record that shared trust
 * managers and crypto write into ({@link dev.culvert.core.tlscheck.EngineRecord}).
 *
 * <p>Here in the kernel so that the TLS modules refuse the same certificates with the same
 * sentences whichever is installed, and so that no module depends on another. Both TLS modules
 * use it.
 *
 * <p>May depend on: dev.culvert.spi.tls
 */
package dev.culvert.core.tlscheck;
