package dev.culvert.core.config;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenVPN 2.6's ways for a configuration to say it can do without an option, read in file order as
 * 2.6 reads them ({@code add_option} in its options.c):
 * <ul>
 *   <li>{@code ignore-unknown-option NAME…} (may repeat): a later line whose option no installed
 *       module implements is skipped with a warning; a line before the listing is not;</li>
 *   <li>{@code setenv opt NAME ARGS…}: the option is read as if written alone, and skipped with a
 *       warning when no installed module implements it;</li>
 *   <li>{@code setenv FORWARD_COMPATIBLE 1}: every later option no installed module implements
 *       is skipped with a warning;</li>
 *   <li>{@code setenv REMOTE_RANDOM_HOSTNAME}, {@code setenv PUSH_PEER_INFO} and
 *       {@code setenv SERVER_POLL_TIMEOUT N}, 2.6's old spellings of the options they stand
 *       for, are read as those options.</li>
 * </ul>
 * "Implements" means a module acts on the option or accepts it as a no-op; an option a module
 * refuses is skipped like an unknown one, since this node does not have it either way.
 */
final class LenientOptions {
    /** The effective lines, and a warning naming file and line for each one skipped. */
    record Resolved(List<Directive> directives, List<String> warnings) {
    }

    /** {@code setenv NAME [VALUE]} spellings of options, as 2.6 reads them: the option, and whether the value is its argument. */
    private static final Map<String, String> SETENV_OPTIONS = Map.of(
            "REMOTE_RANDOM_HOSTNAME", "remote-random-hostname",
            "PUSH_PEER_INFO", "push-peer-info",
            "SERVER_POLL_TIMEOUT", "server-poll-timeout");
    /** The one of {@link #SETENV_OPTIONS} that has a value; 2.6 reads the others only without one. */
    private static final String WITH_VALUE = "SERVER_POLL_TIMEOUT";

    private LenientOptions() {
    }

    static Resolved resolve(List<Directive> lines, DirectiveCatalog catalog) {
        List<Directive> kept = new ArrayList<>(lines.size());
        List<String> warnings = new ArrayList<>();
        Set<String> ignorable = new HashSet<>();
        boolean forwardCompatible = false;
        for (Directive d : lines) {
            if (d.name().equals("ignore-unknown-option")) {
                // 2.6 takes "--name" too.
                d.args().forEach(name -> ignorable.add(name.startsWith("--") ? name.substring(2) : name));
            }
            if (isSetenv(d, "FORWARD_COMPATIBLE") && d.args().size() == 2 && d.args().get(1).equals("1")) {
                forwardCompatible = true;
            }
            boolean wrapped = isSetenv(d, "opt") && d.args().size() > 1;
            Directive line = wrapped ? unwrap(d) : spelledAsSetenv(d);
            if (!catalog.takes(line.name()) && (wrapped || forwardCompatible || ignorable.contains(line.name()))) {
                warnings.add(skipped(line, catalog, wrapped ? "setenv opt" : forwardCompatible
                        && !ignorable.contains(line.name()) ? "setenv FORWARD_COMPATIBLE 1" : "ignore-unknown-option"));
                continue;
            }
            kept.add(line);
        }
        return new Resolved(List.copyOf(kept), List.copyOf(warnings));
    }

    private static boolean isSetenv(Directive d, String first) {
        return d.name().equals("setenv") && !d.args().isEmpty() && d.args().get(0).equals(first);
    }

    /** {@code setenv opt NAME ARGS…} as the line {@code NAME ARGS…}, at the same place. */
    private static Directive unwrap(Directive d) {
        return new Directive(d.args().get(1), d.args().subList(2, d.args().size()), d.source(), d.line(), false, d.cd());
    }

    private static Directive spelledAsSetenv(Directive d) {
        if (!d.name().equals("setenv") || d.args().isEmpty() || !SETENV_OPTIONS.containsKey(d.args().get(0))
                || (d.args().size() == 2) != d.args().get(0).equals(WITH_VALUE)) {
            return d;
        }
        return new Directive(SETENV_OPTIONS.get(d.args().get(0)), d.args().subList(1, d.args().size()), d.source(), d.line(),
                false, d.cd());
    }

    private static String skipped(Directive d, DirectiveCatalog catalog, String because) {
        String why;
        try {
            catalog.check(d);
            why = "not taken";
        } catch (ConfigException e) {
            why = e.problem();
        }
        return d.where() + ": '" + d.name() + "' skipped (" + because + "): " + why;
    }
}
