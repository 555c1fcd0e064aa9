package dev.culvert.vpn.session;

import dev.culvert.core.graph.DropReason;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Why a peer's certificate was refused: the counter it is counted under, and a sentence for the
 * log that names the check, the certificate (subject and serial) and, where one was read, the
 * file, e.g. "crl-verify /etc/openvpn/crl.pem: certificate CN=alice (serial 7) is revoked".
 */
public record PeerRefusal(DropReason reason, String detail) {
    public PeerRefusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** A certificate as a refusal names it: its subject and its serial in decimal, e.g. {@code CN=alice (serial 7)}. */
    public static String certificate(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " (serial " + certificate.getSerialNumber() + ")";
    }
}
