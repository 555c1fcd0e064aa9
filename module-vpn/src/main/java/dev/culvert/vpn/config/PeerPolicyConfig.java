package dev.culvert.vpn.config;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.peercert.CrlDirCheck;
import dev.culvert.vpn.peercert.CrlFile;
import dev.culvert.vpn.peercert.CrlFileCheck;
import dev.culvert.vpn.peercert.NsCertTypeCheck;
import dev.culvert.vpn.peercert.PeerChecks;
import dev.culvert.vpn.peercert.RemoteExtendedKeyUsageCheck;
import dev.culvert.vpn.peercert.RemoteKeyUsageCheck;
import dev.culvert.vpn.peercert.X509NameCheck;
import dev.culvert.vpn.session.PeerCertificatePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the peer-certificate policy of a configuration from {@link PeerCertificateDirectives}'
 * lines: the files they name must be usable when the node starts (a CRL that does not parse is an
 * error naming the line, not a server that refuses everyone from its first client on).
 */
final class PeerPolicyConfig {
    private PeerPolicyConfig() {
    }

    static PeerCertificatePolicy from(Config config, List<X509Certificate> ca) throws ConfigException {
        List<PeerCertificatePolicy> checks = new ArrayList<>();
        Optional<Directive> crl = config.last("crl-verify");
        if (crl.isPresent()) {
            checks.add(crl(crl.get(), ca));
        }
        Optional<Directive> x509Name = config.last("verify-x509-name");
        if (x509Name.isPresent()) {
            Directive d = x509Name.get();
            checks.add(new X509NameCheck(d.args().get(0), d.args().size() == 2 ? X509NameCheck.Form.of(d.args().get(1)) : X509NameCheck.Form.SUBJECT));
        }
        Optional<Directive> ku = config.last("remote-cert-ku");
        if (ku.isPresent()) {
            List<Integer> values = new ArrayList<>();
            for (String value : ku.get().args()) {
                values.add(PeerCertificateDirectives.keyUsage(ku.get(), value));
            }
            checks.add(new RemoteKeyUsageCheck(values));
        }
        Optional<Directive> eku = config.last("remote-cert-eku");
        if (eku.isPresent()) {
            checks.add(new RemoteExtendedKeyUsageCheck(eku.get().args().get(0)));
        }
        Optional<Directive> nsCertType = config.last("ns-cert-type");
        if (nsCertType.isPresent()) {
            checks.add(new NsCertTypeCheck(nsCertType.get().args().get(0).equals("server")));
        }
        return PeerChecks.allOf(checks);
    }

    private static PeerCertificatePolicy crl(Directive d, List<X509Certificate> ca) throws ConfigException {
        Path path = SecurityConfig.resolve(d, d.arg(0, "crl-verify FILE"));
        if (d.args().size() == 2) {
            if (!Files.isDirectory(path)) {
                throw new ConfigException(d, "crl-verify " + path + " dir: no such directory",
                        "create the directory (a file named by each revoked serial goes there), or drop 'dir' to name a CRL file");
            }
            return new CrlDirCheck(path);
        }
        CrlFile file = new CrlFile(path);
        String problem = file.current().problem();
        if (problem != null) {
            throw new ConfigException(d, "crl-verify " + path + " " + problem,
                    "name the CRL your CA publishes (PEM or DER), e.g. Easy-RSA's pki/crl.pem made by 'easyrsa gen-crl'");
        }
        return new CrlFileCheck(file, ca, Clock.systemUTC());
    }
}
