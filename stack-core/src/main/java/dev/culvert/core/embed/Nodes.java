package dev.culvert.core.embed;

import dev.culvert.core.config.Config;
import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.node.NodeRole;
import dev.culvert.spi.node.RunningNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turning a configuration into a running node, the same way in OSGi and embedded: every
 * directive must be claimed and pass its module's check, then the first installed
 * {@link NodeRole} that accepts the configuration starts.
 */
public final class Nodes {
    private Nodes() {
    }

    /** Every problem with the configuration on this registry, as {@code file:line: problem; fix}; empty when usable. */
    public static List<ConfigException> check(Config config, SlotRegistry registry) {
        List<DirectiveHandler> handlers = registry.slot(SlotNames.CONFIG, DirectiveHandler.class).all().stream()
                .map(Binding::implementation).toList();
        return config.validate(handlers);
    }

    /**
     * Starts the node the configuration describes. Empty when no installed role runs it (a
     * configuration of compression settings alone, say); the caller says so to the operator.
     */
    public static Optional<RunningNode> start(Config config, SlotRegistry registry) throws ConfigException, IOException {
        List<DirectiveHandler> handlers = registry.slot(SlotNames.CONFIG, DirectiveHandler.class).all().stream()
                .map(Binding::implementation).toList();
        config.requireValid(handlers);
        for (DirectiveHandler handler : handlers) {
            applyTo(handler, config);
        }
        for (Binding<NodeRole> role : registry.slot(SlotNames.NODE, NodeRole.class).all()) {
            if (role.implementation().accepts(config)) {
                return Optional.of(role.implementation().start(config, registry));
            }
        }
        return Optional.empty();
    }

    /** Gives the handler the configuration's lines it implements ({@link DirectiveHandler#apply}). */
    public static void applyTo(DirectiveHandler handler, Config config) throws ConfigException {
        Set<String> names = handler.directives();
        handler.apply(config.directives().stream().filter(d -> names.contains(d.name())).toList());
    }
}
