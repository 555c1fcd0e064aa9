package dev.culvert.core.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A parsed configuration: its directives in file order, and the checks that every one of them is
 * claimed by an installed module.
 */
public final class Config {
    private final List<Directive> directives;

    public Config(List<Directive> directives) {
        this.directives = List.copyOf(directives);
    }

    public static Config load(Path file) throws ConfigException {
        return new Config(ConfigParser.parse(file));
    }

    public static Config of(String text, String source) throws ConfigException {
        return new Config(ConfigParser.parse(text, source));
    }

    public static Config empty() {
        return new Config(List.of());
    }

    public List<Directive> directives() {
        return directives;
    }

    /** The last occurrence of a directive (OpenVPN's rule: a later one overrides an earlier one). */
    public Optional<Directive> last(String name) {
        for (int i = directives.size() - 1; i >= 0; i--) {
            if (directives.get(i).name().equals(name)) {
                return Optional.of(directives.get(i));
            }
        }
        return Optional.empty();
    }

    /** Every occurrence of a directive that may repeat ({@code route}, {@code push}, {@code remote}). */
    public List<Directive> all(String name) {
        return directives.stream().filter(d -> d.name().equals(name)).toList();
    }

    public boolean has(String name) {
        return directives.stream().anyMatch(d -> d.name().equals(name));
    }

    /**
     * Checks every directive the node would read ({@link #resolve}) against the installed
     * handlers: each must be claimed by one of them and pass its check. Returns every problem found, in file order; empty when the configuration
     * is usable.
     */
    public List<ConfigException> validate(Collection<? extends DirectiveHandler> handlers) {
        return validate(DirectiveCatalog.of(handlers));
    }

    /**
     * The configuration as the node reads it: {@code setenv opt} lines unwrapped, and the lines
     * {@code ignore-unknown-option}, {@code setenv opt} or {@code setenv FORWARD_COMPATIBLE 1}
     * let a node without their option skip left out, each with a warning naming its file and line
     * ({@link LenientOptions}). Resolving a resolved configuration changes nothing.
     */
    public Resolved resolve(DirectiveCatalog catalog) {
        LenientOptions.Resolved resolved = LenientOptions.resolve(directives, catalog);
        return new Resolved(new Config(resolved.directives()), resolved.warnings());
    }

    /** A configuration as the node reads it, and a warning for each line it skips. */
    public record Resolved(Config config, List<String> warnings) {
    }

    /** {@link #validate(Collection)} against a catalog (that may know modules not installed). */
    public List<ConfigException> validate(DirectiveCatalog catalog) {
        List<ConfigException> problems = new ArrayList<>();
        for (Directive d : resolve(catalog).config().directives()) {
            try {
                catalog.check(d);
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        return problems;
    }

    /** {@link #validate} that throws the first problem, mentioning how many more there are. */
    public void requireValid(Collection<? extends DirectiveHandler> handlers) throws ConfigException {
        requireValid(DirectiveCatalog.of(handlers));
    }

    /** {@link #validate(DirectiveCatalog)} that throws the first problem, mentioning how many more there are. */
    public void requireValid(DirectiveCatalog catalog) throws ConfigException {
        List<ConfigException> problems = validate(catalog);
        if (problems.isEmpty()) {
            return;
        }
        ConfigException first = problems.get(0);
        if (problems.size() == 1) {
            throw first;
        }
        StringBuilder all = new StringBuilder();
        for (ConfigException p : problems) {
            all.append("\n  ").append(p.getMessage());
        }
        throw new ConfigException(first.where(), first.problem() + " (" + problems.size() + " problems in all:" + all + "\n)", first.fix());
    }
}
