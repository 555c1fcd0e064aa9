package dev.culvert.vpn.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Claims OpenVPN's checks of the peer's certificate beyond the CA, for either role, and checks
 * their arguments as 2.6 does: {@code crl-verify FILE|DIR [dir]}. {@link PeerPolicyConfig} turns
 * them into the policy a session runs after every handshake.
 */
@Component(service = DirectiveHandler.class)
public final class PeerCertificateDirectives implements DirectiveHandler {
    static final Set<String> DIRECTIVES = Set.of("crl-verify");

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
            default -> throw new ConfigException(d, "module-vpn does not take '" + d.name() + "' here",
                    "this is a bug in module-vpn; please report it with the line");
        }
    }
}
