package dev.culvert.spi.config;

import java.util.Set;

/**
 * The shape a directive's arguments must have, for a directive a module accepts without acting
 * on it ({@link DirectiveClaim#noOp}): the line still has to be well formed, so that a typo is
 * caught even where the option changes nothing.
 */
@FunctionalInterface
public interface ArgumentCheck {
    /** Throws, naming the line, when the arguments do not have this shape. */
    void check(Directive directive) throws ConfigException;

    /** Between {@code min} and {@code max} arguments of any form; {@code usage} is what the error shows. */
    static ArgumentCheck count(int min, int max, String usage) {
        return d -> d.expectArgs(min, max, usage);
    }

    /** No argument at all. */
    static ArgumentCheck none(String usage) {
        return count(0, 0, usage);
    }

    /** Between {@code min} and {@code max} arguments, each a whole number of zero or more. */
    static ArgumentCheck numbers(int min, int max, String usage) {
        return d -> {
            d.expectArgs(min, max, usage);
            for (String arg : d.args()) {
                if (!arg.matches("[0-9]{1,9}")) {
                    throw new ConfigException(d, "'" + arg + "' is not a whole number", "write it as: " + usage);
                }
            }
        };
    }

    /** Exactly one argument, one of {@code words}. */
    static ArgumentCheck oneOf(Set<String> words, String usage) {
        return d -> {
            d.expectArgs(1, 1, usage);
            if (!words.contains(d.args().get(0))) {
                throw new ConfigException(d, "'" + d.args().get(0) + "' is not one of " + new java.util.TreeSet<>(words),
                        "write it as: " + usage);
            }
        };
    }
}
