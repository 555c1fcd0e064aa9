package dev.culvert.spi.config;

import java.nio.file.Path;
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
 * @param cd     the directory a {@code cd DIR} line of the configuration named, against which
 *               relative file names resolve; null without one
 */
public record Directive(String name, List<String> args, String source, int line, boolean inline, Path cd) {
    public Directive {
        args = List.copyOf(args);
    }

    /** A directive of a configuration without {@code cd}. */
    public Directive(String name, List<String> args, String source, int line, boolean inline) {
        this(name, args, source, line, inline, null);
    }

    /** This directive with relative file names resolving against {@code dir}, as after OpenVPN's {@code cd DIR}. */
    public Directive withCd(Path dir) {
        return new Directive(name, args, source, line, inline, dir);
    }

    /**
     * A file this directive names: absolute as written; else relative to the configuration's
     * {@code cd} directory if it has one (OpenVPN 2.6 reads its files after the {@code cd}), else
     * to the directory of the file the directive is in (text handed in directly: the working
     * directory, as the JVM cannot change it).
     */
    public Path resolve(String file) {
        Path p = Path.of(file);
        if (p.isAbsolute()) {
            return p;
        }
        if (cd != null) {
            return cd.resolve(p);
        }
        if (source.startsWith("<")) {
            return p;
        }
        Path parent = Path.of(source).toAbsolutePath().getParent();
        return parent == null ? p : parent.resolve(p);
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
