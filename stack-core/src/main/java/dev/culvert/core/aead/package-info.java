/**
 * The AEAD slot's default: AES-GCM and ChaCha20-Poly1305 from the JDK's own JCE provider, which
 * uses AES-NI and vector intrinsics and needs no native library. Bound at
 * {@link dev.culvert.spi.aead.AeadProvider#DEFAULT_RANKING} so that any module may outrank it.
 *
 * <p>May depend on: dev.culvert.spi.aead
 */
package dev.culvert.core.aead;
