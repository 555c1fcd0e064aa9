package dev.culvert.vpn.peercert;

import dev.culvert.vpn.session.PeerCertificatePolicy;
import dev.culvert.vpn.session.PeerRefusal;
import java.security.cert.X509Certificate;
import java.util.List;

/** The configured checks run in order; the first refusal is the answer. */
public final class PeerChecks implements PeerCertificatePolicy {
    private final List<PeerCertificatePolicy> checks;

    private PeerChecks(List<PeerCertificatePolicy> checks) {
        this.checks = List.copyOf(checks);
    }

    /** All of {@code checks}; {@link PeerCertificatePolicy#NONE} if there are none. */
    public static PeerCertificatePolicy allOf(List<PeerCertificatePolicy> checks) {
        return checks.isEmpty() ? PeerCertificatePolicy.NONE : new PeerChecks(checks);
    }

    @Override
    public PeerRefusal check(List<X509Certificate> chain) {
        for (PeerCertificatePolicy check : checks) {
            PeerRefusal refusal = check.check(chain);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }
}
