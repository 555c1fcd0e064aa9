package dev.culvert.core.embed;

import dev.culvert.core.config.Config;
import dev.culvert.core.config.DirectiveCatalog;
import dev.culvert.core.logging.Verbosity;
import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.node.NodeRole;
import dev.culvert.spi.node.RunningNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Turning a configuration into a running node, the same way in OSGi and embedded: every
 * directive must be claimed and pass its module's check, then the first installed
 * {@link NodeRole} that accepts the configuration starts.
 */
public final class Nodes {
    private static final Logger LOG = Logger.getLogger(Nodes.class.getName());

    private Nodes() {
    }

    /** Every problem with the configuration on this registry, as {@code file:line: problem; fix}; empty when usable. */
    public static List<ConfigException> check(Config config, SlotRegistry registry) {
        return config.validate(handlers(registry));
    }

    /**
     * Starts the node the configuration describes. Empty when no installed role runs it (a
     * configuration of compression settings alone, say); the caller says so to the operator.
     */
    public static Optional<RunningNode> start(Config config, SlotRegistry registry) throws ConfigException, IOException {
        Config effective = prepare(config, handlers(registry));
        // After the handlers: the configuration's own verb decides whether this shows.
        if (LOG.isLoggable(Verbosity.OPTIONS)) {
            LOG.log(Verbosity.OPTIONS, ParameterSettings.of(effective));
        }
        Optional<NodeRole> role = roleFor(effective, registry);
        return role.isEmpty() ? Optional.empty() : Optional.of(role.get().start(effective, registry));
    }

    /**
     * The configuration as the node reads it ({@link Config#resolve}: {@code setenv opt}
     * unwrapped, the lines {@code ignore-unknown-option} lets it skip left out, each with a
     * warning), checked against the handlers and given to them ({@link #applyTo}); the no-ops it
     * uses are logged once each, with their reason, from verb 4.
     */
    public static Config prepare(Config config, List<DirectiveHandler> handlers) throws ConfigException {
        DirectiveCatalog catalog = DirectiveCatalog.of(handlers);
        Config.Resolved resolved = config.resolve(catalog);
        Config effective = resolved.config();
        effective.requireValid(catalog);
        for (DirectiveHandler handler : handlers) {
            applyTo(handler, effective);
        }
        // After the handlers, so that the configuration's own verb and log decide where these go.
        resolved.warnings().forEach(LOG::warning);
        Set<String> logged = new HashSet<>();
        for (Directive d : effective.directives()) {
            Optional<String> reason = catalog.noOpReason(d.name());
            if (reason.isPresent() && logged.add(d.name())) {
                LOG.log(Verbosity.OPTIONS, d.where() + ": '" + d.name() + "' ignored: " + reason.get());
            }
        }
        return effective;
    }

    /**
     * What {@code --check} asks of the role: the first installed role that accepts the
     * configuration, after it read the configuration as its start would ({@link NodeRole#check});
     * empty when no installed role runs it.
     *
     * @throws ConfigException what the role's start would refuse, with the message start gives
     */
    public static Optional<NodeRole> checkedRole(Config config, SlotRegistry registry) throws ConfigException {
        // The role reads what start would give it: setenv opt unwrapped, the skippable lines left out.
        Config effective = config.resolve(DirectiveCatalog.of(handlers(registry))).config();
        Optional<NodeRole> role = roleFor(effective, registry);
        if (role.isPresent()) {
            role.get().check(effective, registry);
        }
        return role;
    }

    private static List<DirectiveHandler> handlers(SlotRegistry registry) {
        return registry.slot(SlotNames.CONFIG, DirectiveHandler.class).all().stream().map(Binding::implementation).toList();
    }

    /** The first installed role, by ranking, that accepts the configuration; empty when none runs it. */
    public static Optional<NodeRole> roleFor(Config config, SlotRegistry registry) {
        return registry.slot(SlotNames.NODE, NodeRole.class).all().stream().map(Binding::implementation)
                .filter(role -> role.accepts(config)).findFirst();
    }

    /** Gives the handler the configuration's lines it implements ({@link DirectiveHandler#apply}). */
    public static void applyTo(DirectiveHandler handler, Config config) throws ConfigException {
        Set<String> names = handler.directives();
        handler.apply(config.directives().stream().filter(d -> names.contains(d.name())).toList());
    }
}
