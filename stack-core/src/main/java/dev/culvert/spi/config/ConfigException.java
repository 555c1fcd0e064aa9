package dev.culvert.spi.config;

/**
 * A configuration error an operator can act on: where ({@code file:line}), what is wrong, and
 * the fix. The message never contains secrets from the file.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String where;
    private final String problem;
    private final String fix;

    public ConfigException(String where, String problem, String fix) {
        super(where + ": " + problem + (fix == null || fix.isEmpty() ? "" : "; " + fix));
        this.where = where;
        this.problem = problem;
        this.fix = fix;
    }

    public ConfigException(Directive directive, String problem, String fix) {
        this(directive.where(), problem, fix);
    }

    /** {@code file:line}. */
    public String where() {
        return where;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
