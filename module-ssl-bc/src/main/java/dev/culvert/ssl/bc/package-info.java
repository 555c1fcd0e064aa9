/**
 * The TLS slot on BouncyCastle's JSSE provider (BCJSSE): {@link dev.culvert.ssl.bc.BcTlsProvider}
 * makes SSLEngines for OpenVPN control channels and exports keying material from them
 * ({@code tls-ekm}). Peer certificates go through BCJSSE's PKIX trust manager, wrapped so that a
 * refusal names the certificate and the reason in words an operator acts on, and so that
 * {@code remote-cert-tls} is enforced.
 *
 * <p>The exporter: bctls 1.84 wipes handshake secrets when a handshake completes and BCJSSE offers
 * SSLEngine users no working exporter, so each engine's TLS crypto captures the TLS 1.3
 * exporter_master_secret as BouncyCastle derives it ({@link dev.culvert.ssl.bc.ExporterSecretHolder})
 * and {@link dev.culvert.ssl.bc.Tls13Exporter} finishes RFC 8446 §7.5; a test checks the result
 * against the JDK's own exporter. TLS 1.2 sessions cannot export (OpenVPN then uses its PRF).
 *
 * <p>BouncyCastle's providers are instances held by the provider object and passed to the JCA
 * explicitly; nothing is registered with {@link java.security.Security} (a global registration
 * from a bundle would pin its class loader).
 *
 * <p>Internal to module-ssl-bc: the bundle exports nothing.
 *
 * <p>May depend on: dev.culvert.core.slot, dev.culvert.core.tlscheck, dev.culvert.spi.tls
 */
package dev.culvert.ssl.bc;
