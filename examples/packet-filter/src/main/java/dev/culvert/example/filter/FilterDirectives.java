package dev.culvert.example.filter;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.Set;

/**
 * Claims {@code culvert-filter}, so a configuration that uses it is accepted while this module
 * is installed (and refused, by file and line, while it is not), and checks each rule. The
 * {@link PacketFilter} component offers it as its {@link DirectiveHandler} service, so the lines
 * of the node's configuration reach the filter that applies them.
 */
class FilterDirectives implements DirectiveHandler {
    static final String DIRECTIVE = "culvert-filter";

    @Override
    public String module() {
        return "culvert-example-packet-filter";
    }

    @Override
    public Set<String> directives() {
        return Set.of(DIRECTIVE);
    }

    @Override
    public void check(Directive directive) throws ConfigException {
        FilterRuleParser.parse(directive);
    }
}
