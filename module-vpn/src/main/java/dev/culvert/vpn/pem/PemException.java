package dev.culvert.vpn.pem;

/**
 * PEM text that cannot be used, said so an operator can act: where ({@code ca.crt}, or
 * {@code client.ovpn:12} for an inline block), what is wrong, and the fix. Never carries key
 * material. Same shape as {@code dev.culvert.spi.config.ConfigException}, into which a
 * configuration reader turns it: {@code new ConfigException(e.source(), e.problem(), e.fix())}.
 */
public final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;
    private final String fix;

    public PemException(String source, String problem, String fix) {
        this(source, problem, fix, null);
    }

    public PemException(String source, String problem, String fix, Throwable cause) {
        super(source + ": " + problem + (fix == null || fix.isEmpty() ? "" : "; " + fix), cause);
        this.source = source;
        this.problem = problem;
        this.fix = fix;
    }

    /** The file, or {@code file:line} of an inline block. */
    public String source() {
        return source;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
