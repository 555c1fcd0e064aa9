package dev.culvert.example.filter;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The filter's rules from a configuration file: every {@code culvert-filter} line of it, in
 * order. The file may be the node's own configuration: other directives are the node's business
 * and are left alone here.
 */
final class RulesFile {
    private RulesFile() {
    }

    /** The rules of {@code file}; the first bad one fails the whole file, with its file:line and fix. */
    static List<FilterRule> load(Path file) throws ConfigException {
        List<FilterRule> rules = new ArrayList<>();
        for (Directive d : Config.load(file).all(FilterDirectives.DIRECTIVE)) {
            rules.add(FilterRuleParser.parse(d));
        }
        return List.copyOf(rules);
    }
}
