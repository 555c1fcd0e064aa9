package dev.culvert.vpn.peercert;

import dev.culvert.core.tlscheck.KeyUsageCheck;
import dev.culvert.vpn.session.PeerCertificatePolicy;
import dev.culvert.vpn.session.PeerRefusal;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;

/** {@code remote-cert-ku [hex...]}: the peer's certificate has a Key Usage extension holding one of the values ({@link KeyUsageCheck}). */
public final class RemoteKeyUsageCheck implements PeerCertificatePolicy {
    private final List<Integer> anyOf;
    private final String directive;

    /** @param anyOf the accepted values; empty to require only that the extension is there */
    public RemoteKeyUsageCheck(List<Integer> anyOf) {
        this.anyOf = List.copyOf(anyOf);
        this.directive = ("remote-cert-ku " + anyOf.stream().map(Integer::toHexString).collect(Collectors.joining(" "))).strip();
    }

    @Override
    public PeerRefusal check(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return new PeerRefusal(CertificateDrops.KEY_USAGE, directive + ": the peer sent no certificate");
        }
        String problem = KeyUsageCheck.problem(chain.get(0), anyOf, "peer certificate " + PeerRefusal.certificate(chain.get(0)), directive);
        return problem == null ? null : new PeerRefusal(CertificateDrops.KEY_USAGE, problem);
    }
}
