package dev.culvert.vpn.peercert;

import dev.culvert.core.tlscheck.ExtendedKeyUsageCheck;
import dev.culvert.vpn.session.PeerCertificatePolicy;
import dev.culvert.vpn.session.PeerRefusal;
import java.security.cert.X509Certificate;
import java.util.List;

/** {@code remote-cert-eku OID|NAME}: the peer's certificate lists that Extended Key Usage ({@link ExtendedKeyUsageCheck}). */
public final class RemoteExtendedKeyUsageCheck implements PeerCertificatePolicy {
    private final String purpose;

    /** @param purpose a dotted OID or OpenSSL's long name, e.g. {@code "TLS Web Client Authentication"} */
    public RemoteExtendedKeyUsageCheck(String purpose) {
        this.purpose = purpose;
    }

    @Override
    public PeerRefusal check(List<X509Certificate> chain) {
        String directive = "remote-cert-eku '" + purpose + "'";
        if (chain.isEmpty()) {
            return new PeerRefusal(CertificateDrops.EXTENDED_KEY_USAGE, directive + ": the peer sent no certificate");
        }
        String problem = ExtendedKeyUsageCheck.problem(chain.get(0), purpose, "peer certificate " + PeerRefusal.certificate(chain.get(0)),
                directive);
        return problem == null ? null : new PeerRefusal(CertificateDrops.EXTENDED_KEY_USAGE, problem);
    }
}
