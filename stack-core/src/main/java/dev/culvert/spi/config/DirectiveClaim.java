package dev.culvert.spi.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One directive a module claims, and its fate there: implemented (the module's
 * {@link DirectiveHandler#check} checks it and the module acts on it); accepted as a no-op, where
 * OpenVPN 2.6 on Linux does nothing with it or nothing an operator relies on (its arguments are
 * still checked, and the reason is logged at start from verb 4); or refused with the problem an
 * operator reads and the fix. A refusal is a claim too: it says the module is where the option
 * would live, so a configuration that uses it gets the module's reason, not "unknown directive".
 *
 * @param name      the directive, as written in a configuration ({@code verify-x509-name})
 * @param problem   for a refusal, what is wrong, e.g. {@code 'dev tap' is not implemented}; {@code null} otherwise
 * @param fix       for a refusal, what the operator can do instead; {@code null} otherwise
 * @param note      for a no-op, why it changes nothing; for an implemented directive, what an operator
 *                  should know of it (may be {@code null}); {@code null} for a refusal
 * @param arguments for a no-op, the shape its arguments must have; {@code null} otherwise
 */
public record DirectiveClaim(String name, String problem, String fix, String note, ArgumentCheck arguments) {
    public DirectiveClaim {
        Objects.requireNonNull(name, "name");
        if ((problem == null) != (fix == null)) {
            throw new IllegalArgumentException("a refusal of '" + name + "' needs both its problem and its fix");
        }
        if (arguments != null && (note == null || problem != null)) {
            throw new IllegalArgumentException("a no-op '" + name + "' needs its reason, and is not a refusal");
        }
    }

    /** An implemented claim ({@code problem} and {@code fix} both {@code null}) or a refusal. */
    public DirectiveClaim(String name, String problem, String fix) {
        this(name, problem, fix, null, null);
    }

    /** The module implements the directive. */
    public static DirectiveClaim implemented(String name) {
        return new DirectiveClaim(name, null, null);
    }

    /** The module implements the directive; {@code note} is what the directive table says of it. */
    public static DirectiveClaim implemented(String name, String note) {
        return new DirectiveClaim(name, null, null, Objects.requireNonNull(note, "note"), null);
    }

    /** Each of {@code names} refused, with the problem {@code problem} gives for its name and the same fix. */
    public static List<DirectiveClaim> refusedEach(Function<String, String> problem, String fix, String... names) {
        List<DirectiveClaim> claims = new ArrayList<>(names.length);
        for (String name : names) {
            claims.add(refused(name, problem.apply(name), fix));
        }
        return List.copyOf(claims);
    }

    /**
     * The module accepts the directive and does nothing with it, because of {@code reason}; a line
     * whose arguments do not pass {@code arguments} is still refused.
     */
    public static DirectiveClaim noOp(String name, String reason, ArgumentCheck arguments) {
        return new DirectiveClaim(name, null, null, Objects.requireNonNull(reason, "reason"),
                Objects.requireNonNull(arguments, "arguments"));
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
        return refusedEach(name -> "'" + name + "' is an OpenVPN option that " + module + " does not implement yet",
                "remove the line, or check the release notes of a newer " + module, names);
    }

    /** The module acts on the directive. */
    public boolean isImplemented() {
        return problem == null && arguments == null;
    }

    /** The module accepts the directive and does nothing with it ({@link #note} says why). */
    public boolean isNoOp() {
        return arguments != null;
    }

    /** The module refuses the directive ({@link #problem}, {@link #fix}). */
    public boolean isRefused() {
        return problem != null;
    }

    /** The error for a directive this claim refuses, pointing at its file and line. */
    public ConfigException refusal(Directive directive) {
        if (!isRefused()) {
            throw new IllegalStateException("'" + name + "' is accepted, not refused");
        }
        return new ConfigException(directive, problem, fix);
    }
}
