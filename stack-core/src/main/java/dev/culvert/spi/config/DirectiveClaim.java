package dev.culvert.spi.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One directive a module claims, and its fate there: implemented (the module's
 * {@link DirectiveHandler#check} checks it and the module acts on it), or refused with the problem
 * an operator reads and the fix. A refusal is a claim too: it says the module is where the option
 * would live, so a configuration that uses it gets the module's reason, not "unknown directive".
 *
 * @param name    the directive, as written in a configuration ({@code verify-x509-name})
 * @param problem for a refusal, what is wrong, e.g. {@code 'dev tap' is not implemented}; {@code null} when implemented
 * @param fix     for a refusal, what the operator can do instead; {@code null} when implemented
 */
public record DirectiveClaim(String name, String problem, String fix) {
    public DirectiveClaim {
        Objects.requireNonNull(name, "name");
        if ((problem == null) != (fix == null)) {
            throw new IllegalArgumentException("a refusal of '" + name + "' needs both its problem and its fix");
        }
    }

    /** The module implements the directive. */
    public static DirectiveClaim implemented(String name) {
        return new DirectiveClaim(name, null, null);
    }

    /** The module refuses the directive: {@code problem} says why, {@code fix} what to do instead. */
    public static DirectiveClaim refused(String name, String problem, String fix) {
        return new DirectiveClaim(name, Objects.requireNonNull(problem, "problem"), Objects.requireNonNull(fix, "fix"));
    }

    /**
     * OpenVPN options {@code module} will take but does not implement yet, each refused with
     * the same words: an operator learns the option is real and where it would come from.
     */
    public static List<DirectiveClaim> notImplementedYet(String module, String... names) {
        List<DirectiveClaim> claims = new ArrayList<>(names.length);
        for (String name : names) {
            claims.add(refused(name, "'" + name + "' is an OpenVPN option that " + module + " does not implement yet",
                    "remove the line, or check the release notes of a newer " + module));
        }
        return List.copyOf(claims);
    }

    public boolean isImplemented() {
        return problem == null;
    }

    /** The error for a directive this claim refuses, pointing at its file and line. */
    public ConfigException refusal(Directive directive) {
        if (isImplemented()) {
            throw new IllegalStateException("'" + name + "' is implemented, not refused");
        }
        return new ConfigException(directive, problem, fix);
    }
}
