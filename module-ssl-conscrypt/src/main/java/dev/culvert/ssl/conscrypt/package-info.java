/**
 * The TLS and AEAD slots on Conscrypt (Google's JCA/JSSE provider over BoringSSL):
 * {@link dev.culvert.ssl.conscrypt.ConscryptTlsProvider} makes SSLEngines for OpenVPN control
 * channels and exports keying material from TLS 1.2 and 1.3 sessions ({@code tls-ekm});
 * {@link dev.culvert.ssl.conscrypt.ConscryptAeadProvider} seals and opens data-channel packets in
 * the same layout as the kernel's JCE default, so a tunnel swaps between them between batches.
 * Peer certificates go through the kernel's {@code dev.culvert.core.tlscheck} checks, so refusals
 * read as they do with the bc provider.
 *
 * <p>Conscrypt's provider is an instance held by each provider object and passed to the JCA
 * explicitly; nothing is registered with {@link java.security.Security}. Its native library loads
 * once per JVM: if it cannot, {@link dev.culvert.ssl.conscrypt.ConscryptActivation} logs why and
 * registers neither provider. In a framework, the bundle's activator
 * ({@link dev.culvert.ssl.conscrypt.NativeLoadAhead}) starts that load as the bundle starts, so that
 * it overlaps the start of the others.
 *
 * <p>Hot swap and the native library: a native library binds to the class loader that loaded it,
 * here the {@code org.conscrypt} bundle's, not this one's. This bundle is pure Java: operators move
 * the slots between providers with {@code culvert:swap} (aead: the data channel rebuilds its contexts
 * from the same key bytes; tls: handshakes in flight finish here), and may update this bundle like
 * any other. Replacing or refreshing the {@code org.conscrypt} bundle itself makes Conscrypt unpack
 * and load BoringSSL again under a new class loader while the old copy stays mapped until the JVM
 * exits; do that with a restart.
 *
 * <p>Internal to module-ssl-conscrypt: the bundle exports nothing.
 *
 * <p>May depend on: dev.culvert.core.aead, dev.culvert.core.slot, dev.culvert.core.tlscheck,
 * dev.culvert.spi.aead, dev.culvert.spi.tls
 */
package dev.culvert.ssl.conscrypt;
