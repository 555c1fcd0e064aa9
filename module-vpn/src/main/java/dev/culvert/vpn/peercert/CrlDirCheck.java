package dev.culvert.vpn.peercert;

import dev.culvert.vpn.session.PeerCertificatePolicy;
import dev.culvert.vpn.session.PeerRefusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * {@code crl-verify DIR dir}: a certificate is revoked when {@code DIR} holds a file named by its
 * serial number in decimal, as 2.6's {@code verify_check_crl_dir} decides (the file's content does
 * not matter). Checked for every certificate the peer sent, at every handshake, so a file added or
 * removed applies from the next one on.
 */
public final class CrlDirCheck implements PeerCertificatePolicy {
    private final Path directory;

    public CrlDirCheck(Path directory) {
        this.directory = directory;
    }

    @Override
    public PeerRefusal check(List<X509Certificate> chain) {
        for (X509Certificate certificate : chain) {
            Path marker = directory.resolve(certificate.getSerialNumber().toString());
            if (Files.exists(marker)) {
                return new PeerRefusal(CertificateDrops.REVOKED, "crl-verify " + directory + " dir: certificate "
                        + PeerRefusal.certificate(certificate) + " is revoked (" + marker + " exists)");
            }
        }
        return null;
    }
}
