package dev.culvert.core.embed;

import dev.culvert.core.logging.LogSettings;
import dev.culvert.core.logging.Verbosity;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The directives the kernel itself takes: logging verbosity and muting ({@code verb}, {@code mute},
 * applied to the log output by {@link LogSettings}), and how many data-plane workers to run; and
 * the process options it refuses. The process's own options are {@link ProcessDirectives}.
 */
public final class KernelDirectives implements DirectiveHandler {
    @Override
    public String module() {
        return "the kernel";
    }

    @Override
    public Set<String> directives() {
        return Set.of("verb", "mute", "culvert-workers");
    }

    /** OpenVPN's process options that a Culvert node does not act on: the launcher owns logging and the process. */
    @Override
    public List<DirectiveClaim> refused() {
        return Stream.of("log", "log-append", "management")
                .map(name -> DirectiveClaim.refused(name, "'" + name + "' is not implemented by this Culvert node",
                        "remove the line; Culvert does not support it yet"))
                .toList();
    }

    @Override
    public void check(Directive d) throws ConfigException {
        switch (d.name()) {
            case "verb" -> number(d, "verb N (0 to 11)", 0, 11);
            case "mute" -> number(d, "mute N (repeated messages to show)", 0, Integer.MAX_VALUE);
            case "culvert-workers" -> number(d, "culvert-workers N (1 to 256; default: one per core)", 1, 256);
            default -> throw new ConfigException(d, "the kernel does not take '" + d.name() + "'", "remove the line");
        }
    }

    /**
     * Applies {@code verb} and {@code mute} to the log output ({@link LogSettings}); the last line
     * of each wins, and a configuration without one leaves the logging configuration's choice.
     */
    @Override
    public void apply(List<Directive> lines) throws ConfigException {
        OptionalInt verb = OptionalInt.empty();
        int mute = 0;
        for (Directive d : lines) {
            switch (d.name()) {
                case "verb" -> verb = OptionalInt.of(number(d, "verb N (0 to 11)", 0, Verbosity.MAX));
                case "mute" -> mute = number(d, "mute N (repeated messages to show)", 0, Integer.MAX_VALUE);
                default -> {
                }
            }
        }
        LogSettings.apply(verb, mute);
    }

    /** The directive's single numeric argument, within {@code [min, max]}. */
    public static int number(Directive d, String usage, int min, int max) throws ConfigException {
        d.expectArgs(1, 1, usage);
        String arg = d.args().get(0);
        int value;
        try {
            value = Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw new ConfigException(d, "'" + arg + "' is not a number", "write it as: " + usage);
        }
        if (value < min || value > max) {
            throw new ConfigException(d, d.name() + " " + value + " is out of range", "write it as: " + usage);
        }
        return value;
    }
}
