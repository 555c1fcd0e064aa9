package dev.culvert.spi.config;

import java.util.List;

/**
 * One directive of a configuration: its name, its arguments and where it was written. An inline
 * block ({@code <ca>…</ca>}) is a directive whose single argument is the block's text.
 *
 * @param name   the directive, lower case as OpenVPN writes it
 * @param args   the arguments after the name, unquoted
 * @param source the file, or {@code <inline>} for text handed in directly
 * @param line   the 1-based line the directive starts on
 * @param inline whether this came from an inline block
 */
public record Directive(String name, List<String> args, String source, int line, boolean inline) {
    public Directive {
        args = List.copyOf(args);
    }

    /** {@code file:line}, the way every error message points at a directive. */
    public String where() {
        return source + ":" + line;
    }

    /** The argument at {@code index}, or an error naming the directive and its usage. */
    public String arg(int index, String usage) throws ConfigException {
        if (index >= args.size()) {
            throw new ConfigException(this, "'" + name + "' needs more arguments", "write it as: " + usage);
        }
        return args.get(index);
    }

    /** Checks the argument count is within {@code [min, max]}. */
    public void expectArgs(int min, int max, String usage) throws ConfigException {
        if (args.size() < min || args.size() > max) {
            throw new ConfigException(this, "'" + name + "' takes " + (min == max ? min : min + " to " + max)
                    + " argument" + (max == 1 ? "" : "s") + ", found " + args.size(), "write it as: " + usage);
        }
    }

    @Override
    public String toString() {
        // Inline blocks carry keys: print their size, never their contents.
        return where() + " " + name + (inline ? " <inline " + args.get(0).length() + " chars>" : (args.isEmpty() ? "" : " " + String.join(" ", args)));
    }
}
