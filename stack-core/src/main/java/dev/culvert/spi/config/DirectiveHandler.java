package dev.culvert.spi.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A module's claim on configuration directives. When a stack loads a configuration, each
 * directive must be claimed by an installed handler; the kernel knows no module's directives, it
 * asks the installed handlers ({@link #claims}) and, for a directive none of them claims, says
 * whether it is an OpenVPN option at all and which module would take it.
 *
 * <p>What it must guarantee: {@link #check} rejects a wrong argument with a
 * {@link ConfigException} that names the directive's file and line and says how to fix it, and
 * never keeps secrets from the directive in messages. It is asked only about directives it
 * implements ({@link #directives}); the ones it refuses ({@link #refused}) are refused with the
 * claim's own words, and the ones it accepts as no-ops ({@link #noOps}) are checked by their claim.
 */
public interface DirectiveHandler {
    /** The module, as operators know it: {@code module-compress}. */
    String module();

    /** The directive names this handler implements and {@link #check}s. */
    Set<String> directives();

    /**
     * The directives this module claims without implementing them, each with the reason and the
     * fix; none by default.
     */
    default Collection<DirectiveClaim> refused() {
        return List.of();
    }

    /**
     * The directives this module accepts and does nothing with ({@link DirectiveClaim#noOp}), each
     * with the reason and the shape of its arguments; none by default. The kernel checks their
     * arguments and logs the reason at start; {@link #check} and {@link #apply} never see them.
     */
    default Collection<DirectiveClaim> noOps() {
        return List.of();
    }

    /** Every directive this module claims: the implemented ones, then the no-ops, then the refused ones. */
    default List<DirectiveClaim> claims() {
        List<DirectiveClaim> claims = new ArrayList<>();
        directives().stream().sorted().forEach(name -> claims.add(DirectiveClaim.implemented(name)));
        claims.addAll(noOps());
        claims.addAll(refused());
        return List.copyOf(claims);
    }

    /** Checks one implemented directive's arguments. */
    void check(Directive directive) throws ConfigException;

    /**
     * Takes the lines of a node's configuration that this handler implements, in file order (an
     * empty list when there are none). Called when the node starts, after every line passed its
     * {@link #check}, and again when this handler is bound to a node that is already running (its
     * bundle updated or re-installed in {@code deploy/}). A module whose directives the node role
     * reads itself leaves this as it is; a module that acts on its own directives (a feature's
     * rules) takes them from here, so that a line it claims is never accepted and then ignored.
     * A {@link ConfigException} names the line; the node does not start.
     */
    default void apply(List<Directive> lines) throws ConfigException {
    }
}
