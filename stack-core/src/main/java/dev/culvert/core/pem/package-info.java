/**
 * PEM text as OpenVPN's {@code ca}, {@code cert} and {@code key} files and inline blocks hold it:
 * X.509 certificates ({@link dev.culvert.core.pem.PemCertificates}) and unencrypted private keys
 * in PKCS#8, PKCS#1 (RSA) and SEC1 (EC) form ({@link dev.culvert.core.pem.PemPrivateKeys}).
 *
 * <p>Here in the kernel because every TLS provider and module-vpn need it; JDK only (no
 * BouncyCastle), so it works whichever TLS module is installed. Errors are
 * {@link dev.culvert.core.pem.PemException}s naming the source and the fix. Key bytes decoded
 * here are wiped once the JDK has turned them into a {@link java.security.PrivateKey}, and never
 * appear in a message.
 *
 * <p>May depend on: none
 */
package dev.culvert.core.pem;
