/**
 * OpenVPN's own checks of a peer's certificates, beyond TLS's chain validation, one file per
 * check: {@code crl-verify FILE} ({@link dev.culvert.vpn.peercert.CrlFileCheck} over a
 * {@link dev.culvert.vpn.peercert.CrlFile} re-read when it changes), {@code crl-verify DIR dir}
 * ({@link dev.culvert.vpn.peercert.CrlDirCheck}), joined by
 * {@link dev.culvert.vpn.peercert.PeerChecks} into the
 * {@link dev.culvert.vpn.session.PeerCertificatePolicy} a session runs after every handshake.
 * Each refusal names its check, the certificate (subject and serial) and the file, and is counted
 * under one of {@link dev.culvert.vpn.peercert.CertificateDrops}.
 *
 * <p>May depend on: dev.culvert.core.graph, dev.culvert.core.tlscheck, dev.culvert.vpn.session
 */
package dev.culvert.vpn.peercert;
