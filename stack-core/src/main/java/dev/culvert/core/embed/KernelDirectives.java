package dev.culvert.core.embed;

import dev.culvert.core.config.ConfigException;
import dev.culvert.core.config.Directive;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.Set;

/** The directives the kernel itself takes: logging verbosity, and how many data-plane workers to run. */
public final class KernelDirectives implements DirectiveHandler {
    @Override
    public String module() {
        return "the kernel";
    }

    @Override
    public Set<String> directives() {
        return Set.of("verb", "mute", "culvert-workers");
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
