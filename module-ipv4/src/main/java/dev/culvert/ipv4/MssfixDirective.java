package dev.culvert.ipv4;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Claims OpenVPN's {@code mssfix [max [mtu|fixed]]}: {@code mssfix 0} turns clamping off; a bare
 * {@code mssfix} takes OpenVPN's default. The flags say how {@code max} is counted (OpenVPN 2.6:
 * {@code mtu} counts the outer IP and UDP headers, {@code fixed} the whole encapsulated packet);
 * turning it into the MSS in {@link dev.culvert.spi.l3.L3Policy#mssClamp()} is the tunnel's
 * arithmetic, since only the tunnel knows its overhead.
 */
@Component(service = DirectiveHandler.class, property = {"culvert.name=ipv4-mssfix"})
public final class MssfixDirective implements DirectiveHandler {
    static final String USAGE = "mssfix [max [mtu|fixed]], e.g. 'mssfix 1450' or 'mssfix 0' to turn it off";
    /** Below this the tunnel would carry little but headers: a typing mistake, not a setting. */
    static final int MIN_MAX = 100;

    @Override
    public String module() {
        return "module-ipv4";
    }

    @Override
    public Set<String> directives() {
        return Set.of("mssfix");
    }

    @Override
    public void check(Directive directive) throws ConfigException {
        directive.expectArgs(0, 2, USAGE);
        if (directive.args().isEmpty()) {
            return;
        }
        String value = directive.args().get(0);
        int max;
        try {
            max = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(directive, "'mssfix' needs a number of bytes, found '" + value + "'", "write it as: " + USAGE);
        }
        if (max != 0 && (max < MIN_MAX || max > 65_535)) {
            throw new ConfigException(directive, "'mssfix " + max + "' is outside " + MIN_MAX + "..65535",
                    "use 0 to turn it off, or a packet size such as 1450");
        }
        if (directive.args().size() == 2) {
            String flag = directive.args().get(1);
            if (!flag.equals("mtu") && !flag.equals("fixed")) {
                throw new ConfigException(directive, "'mssfix' takes 'mtu' or 'fixed' after the size, found '" + flag + "'",
                        "write it as: " + USAGE);
            }
            if (max == 0) {
                throw new ConfigException(directive, "'mssfix 0 " + flag + "' turns clamping off and sets a flag for it",
                        "write 'mssfix 0' alone");
            }
        }
    }
}
