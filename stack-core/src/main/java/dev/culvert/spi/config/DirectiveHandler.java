package dev.culvert.spi.config;

import dev.culvert.core.config.ConfigException;
import dev.culvert.core.config.Directive;
import java.util.Set;

/**
 * A module's claim on configuration directives. When a stack loads a configuration, each
 * directive must be claimed by an installed handler; one that no handler claims is an error that
 * names the file, the line and the module that would take it.
 *
 * <p>What it must guarantee: {@link #check} rejects a wrong argument with a
 * {@link ConfigException} that names the directive's file and line and says how to fix it, and
 * never keeps secrets from the directive in messages.
 */
public interface DirectiveHandler {
    /** The module, as operators know it: {@code module-compress}. */
    String module();

    /** The directive names this handler claims. */
    Set<String> directives();

    /** Checks one claimed directive's arguments. */
    void check(Directive directive) throws ConfigException;
}
