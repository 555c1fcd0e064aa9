package dev.culvert.compress;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Claims OpenVPN 2.6's compression directives and checks their arguments as OpenVPN does.
 *
 * <ul>
 *   <li>{@code compress [stub|stub-v2|lz4|lz4-v2|lzo|migrate]}; also {@code snappy}, framed as
 *       openvpn3 frames it (OpenVPN 2.6 peers do not speak it);</li>
 *   <li>{@code comp-lzo [yes|no|adaptive]}: the LZO prefix framing. As OpenVPN 2.6, Culvert
 *       decompresses the LZO packets it receives and compresses what it sends only with
 *       {@code allow-compression yes} ({@code comp-lzo no}: the framing alone);</li>
 *   <li>{@code allow-compression yes|no|asym};</li>
 *   <li>{@code comp-noadapt}, a no-op OpenVPN 2.6 still accepts.</li>
 * </ul>
 */
@Component(service = DirectiveHandler.class)
public final class CompressionDirectives implements DirectiveHandler {
    private static final Set<String> DIRECTIVES = Set.of("compress", "comp-lzo", "allow-compression", "comp-noadapt");
    private static final Set<String> COMPRESS_ALGORITHMS = Set.of("stub", "stub-v2", "lz4", "lz4-v2", "lzo", "migrate", "snappy");
    private static final Set<String> COMP_LZO_MODES = Set.of("yes", "no", "adaptive");
    private static final Set<String> ALLOW_COMPRESSION = Set.of("yes", "no", "asym");

    @Override
    public String module() {
        return "module-compress";
    }

    @Override
    public Set<String> directives() {
        return DIRECTIVES;
    }

    @Override
    public void check(Directive directive) throws ConfigException {
        switch (directive.name()) {
            case "compress" -> checkCompress(directive);
            case "comp-lzo" -> {
                directive.expectArgs(0, 1, "comp-lzo [yes|no|adaptive]");
                if (directive.args().size() == 1 && !COMP_LZO_MODES.contains(directive.args().get(0))) {
                    throw new ConfigException(directive, "bad comp-lzo option '" + directive.args().get(0) + "'",
                            "it must be 'yes', 'no' or 'adaptive' ('no' for the framing without compression)");
                }
            }
            case "allow-compression" -> {
                directive.expectArgs(1, 1, "allow-compression yes|no|asym");
                if (!ALLOW_COMPRESSION.contains(directive.args().get(0))) {
                    throw new ConfigException(directive, "bad allow-compression option '" + directive.args().get(0) + "'",
                            "it must be 'yes', 'no' or 'asym'");
                }
            }
            case "comp-noadapt" -> directive.expectArgs(0, 0, "comp-noadapt");
            default -> throw new ConfigException(directive, "module-compress does not take '" + directive.name() + "'",
                    "this is a bug in module-compress; please report it with the line");
        }
    }

    private static void checkCompress(Directive directive) throws ConfigException {
        directive.expectArgs(0, 1, "compress [stub|stub-v2|lz4|lz4-v2|lzo|migrate|snappy]");
        if (directive.args().isEmpty()) {
            return;
        }
        String algorithm = directive.args().get(0);
        if (!COMPRESS_ALGORITHMS.contains(algorithm)) {
            throw new ConfigException(directive, "bad compress option '" + algorithm + "'",
                    "it must be one of stub, stub-v2, lz4, lz4-v2, lzo, migrate or snappy, or nothing (same as stub)");
        }
    }
}
