package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.vpn.peercert.X509NameCheck;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Claims OpenVPN's checks of the peer's certificate beyond the CA, for either role, and checks
 * their arguments as 2.6 does: {@code crl-verify FILE|DIR [dir]}, {@code verify-x509-name NAME
 * [subject|name|name-prefix]}, {@code remote-cert-ku [hex...]}, {@code remote-cert-eku OID|NAME}
 * and {@code ns-cert-type server|client}. {@link PeerPolicyConfig} turns them into the policy a
 * session runs after every handshake. Also the script that verifies the peer's certificates,
 * {@code tls-verify CMD}, with {@code tls-export-cert DIR} and {@code x509-track ATTRIBUTE}
 * ({@link CertificateScripts}).
 *
 * <p>One difference: in 2.6, {@code remote-cert-tls} is shorthand that sets {@code remote-cert-ku}
 * and {@code remote-cert-eku}, so whichever comes last wins; here {@code remote-cert-tls} is
 * checked by TLS itself and these by the policy, so all that are written apply.
 */
@Component(service = DirectiveHandler.class)
public final class PeerCertificateDirectives implements DirectiveHandler {
    static final Set<String> DIRECTIVES = Set.of("crl-verify", "verify-x509-name", "remote-cert-ku", "remote-cert-eku",
            "ns-cert-type", CertificateScripts.TLS_VERIFY, CertificateScripts.EXPORT_CERT, CertificateScripts.X509_TRACK);

    @Override
    public String module() {
        return "module-vpn";
    }

    @Override
    public Set<String> directives() {
        return DIRECTIVES;
    }

    @Override
    public void check(Directive d) throws ConfigException {
        switch (d.name()) {
            case "crl-verify" -> {
                if (d.inline()) {
                    throw new ConfigException(d, "an inline <crl-verify> block cannot be re-read when the CRL changes",
                            "write the CRL to a file and name it: 'crl-verify crl.pem'");
                }
                d.expectArgs(1, 2, "crl-verify FILE, or crl-verify DIR dir");
                if (d.args().size() == 2 && !d.args().get(1).equals("dir")) {
                    throw new ConfigException(d, "unknown crl-verify flag '" + d.args().get(1) + "'",
                            "the only flag is 'dir' (a directory of files named by revoked serial numbers)");
                }
            }
            case "verify-x509-name" -> {
                d.expectArgs(1, 2, "verify-x509-name NAME [subject|name|name-prefix]");
                if (d.args().get(0).isEmpty()) {
                    throw new ConfigException(d, "verify-x509-name needs a name", "e.g. verify-x509-name server name");
                }
                if (d.args().size() == 2 && X509NameCheck.Form.of(d.args().get(1)) == null) {
                    throw new ConfigException(d, "unknown X.509 name type '" + d.args().get(1) + "'",
                            "use subject (the whole subject, the default), name (the common name) or name-prefix");
                }
            }
            case "remote-cert-ku" -> {
                d.expectArgs(0, 15, "remote-cert-ku [HEX...], e.g. remote-cert-ku a0 88");
                for (String value : d.args()) {
                    keyUsage(d, value);
                }
            }
            case "remote-cert-eku" -> d.expectArgs(1, 1, "remote-cert-eku OID|NAME, e.g. remote-cert-eku \"TLS Web Client Authentication\"");
            case "ns-cert-type" -> {
                d.expectArgs(1, 1, "ns-cert-type server|client");
                if (!d.args().get(0).equals("server") && !d.args().get(0).equals("client")) {
                    throw new ConfigException(d, "ns-cert-type must be 'client' or 'server', not '" + d.args().get(0) + "'",
                            "write 'ns-cert-type server' on a client, or better 'remote-cert-tls server'");
                }
            }
            case CertificateScripts.TLS_VERIFY, CertificateScripts.EXPORT_CERT, CertificateScripts.X509_TRACK -> CertificateScripts.check(d);
            default -> throw new ConfigException(d, "module-vpn does not take '" + d.name() + "' here",
                    "this is a bug in module-vpn; please report it with the line");
        }
    }

    /** A remote-cert-ku value: hexadecimal, optionally with 0x, 1 to ffff. */
    static int keyUsage(Directive d, String text) throws ConfigException {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (!digits.matches("[0-9a-fA-F]{1,4}") || Integer.parseInt(digits, 16) == 0) {
            throw new ConfigException(d, "remote-cert-ku value '" + text + "' is not a non-zero hexadecimal key usage",
                    "write the usage bits in hex, e.g. a0 (digitalSignature + keyEncipherment) or 88 (digitalSignature + keyAgreement)");
        }
        return Integer.parseInt(digits, 16);
    }
}
