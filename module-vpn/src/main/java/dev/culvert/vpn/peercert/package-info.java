/**
 * OpenVPN's own checks of a peer's certificates, beyond TLS's chain validation, one file per
 * check: {@code crl-verify FILE} ({@link dev.culvert.vpn.peercert.CrlFileCheck} over a
 * {@link dev.culvert.vpn.peercert.CrlFile} re-read when it changes), {@code crl-verify DIR dir}
 * ({@link dev.culvert.vpn.peercert.CrlDirCheck}), {@code verify-x509-name}
 * ({@link dev.culvert.vpn.peercert.X509NameCheck}, comparing the subject as 2.6 prints it:
 * {@link dev.culvert.vpn.peercert.OpenSslSubject}), {@code remote-cert-ku} and {@code remote-cert-eku}
 * ({@link dev.culvert.vpn.peercert.RemoteKeyUsageCheck}, {@link dev.culvert.vpn.peercert.RemoteExtendedKeyUsageCheck},
 * sharing {@code core.tlscheck}'s checks with {@code remote-cert-tls}) and the legacy
 * {@code ns-cert-type} ({@link dev.culvert.vpn.peercert.NsCertTypeCheck}), joined by
 * {@link dev.culvert.vpn.peercert.PeerChecks} into the
 * {@link dev.culvert.vpn.session.PeerCertificatePolicy} a session runs after every handshake. The
 * {@code tls-verify} script ({@link dev.culvert.vpn.peercert.TlsVerifyScript}, with
 * {@code tls-export-cert} and {@code x509-track}: {@link dev.culvert.vpn.peercert.X509Track},
 * {@link dev.culvert.vpn.peercert.CertificateVariables}) is the session's
 * {@link dev.culvert.vpn.session.PeerCertificateVerifier}, asked after the policy passed, run
 * through {@code vpn.hook}'s runner.
 * Each refusal names its check, the certificate (subject and serial) and the file, and is counted
 * under one of {@link dev.culvert.vpn.peercert.CertificateDrops}.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.tlscheck, dev.culvert.vpn.hook, dev.culvert.vpn.session
 */
package dev.culvert.vpn.peercert;
