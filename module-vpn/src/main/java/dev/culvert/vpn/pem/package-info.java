/**
 * PEM text as OpenVPN's {@code ca}, {@code cert} and {@code key} files and inline blocks hold it:
 * X.509 certificates ({@link dev.culvert.vpn.pem.PemCertificates}) and unencrypted private keys
 * in PKCS#8, PKCS#1 (RSA) and SEC1 (EC) form ({@link dev.culvert.vpn.pem.PemPrivateKeys}); and
 * the one certificate Culvert makes itself, in memory: a stand-in CA and client certificate for a
 * key pair the server holds, which its session rehearsal shows and trusts
 * ({@link dev.culvert.vpn.pem.StandInClientCertificate}).
 *
 * <p>Here in module-vpn, its one user (the TLS modules take certificates and keys as objects);
 * JDK only (no BouncyCastle), so it works whichever TLS module is installed. Errors are
 * {@link dev.culvert.vpn.pem.PemException}s naming the source and the fix. Key bytes decoded
 * here are wiped once the JDK has turned them into a {@link java.security.PrivateKey}, and never
 * appear in a message.
 *
 * <p>May depend on: none
 */
package dev.culvert.vpn.pem;
