package dev.culvert.example.filter;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.feature.Feature;
import dev.culvert.spi.feature.FeatureArcs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * The filter at the {@code after-inside-l3} arc: packets from the inside link that passed the L3
 * check, before they are routed to a peer. A packet any rule matches is dropped as
 * {@code packet-filter.denied}; one whose port a rule must see but cannot (a later fragment, a
 * transport header cut short) as {@code packet-filter.unreadable}, so nothing slips past a port
 * rule unseen. IPv6 and everything no rule matches pass.
 *
 * <p>Its rules come from two places, and the filter applies both: the {@code culvert-filter}
 * lines of the node's configuration (given by the kernel when the node starts, or when this
 * module is bound to a running node: {@link #apply(List)}), and the file named by the {@code file}
 * property of its optional configuration ({@code dev.culvert.example.packetfilter}, e.g. a
 * {@code .cfg} file in {@code deploy/}), which is how rules reach a node that is already running.
 * A change of that configuration reloads the file; a bad rule keeps the rules in force and logs
 * the file, the line and the fix.
 */
@Component(service = {Feature.class, DirectiveHandler.class}, configurationPid = PacketFilter.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {"service.ranking:Integer=100", "culvert.name=packet-filter"})
public final class PacketFilter extends FilterDirectives implements Feature {
    static final String PID = "dev.culvert.example.packetfilter";
    static final DropReason DENIED = DropReason.of("packet-filter.denied");
    static final DropReason UNREADABLE = DropReason.of("packet-filter.unreadable");
    private static final System.Logger LOG = System.getLogger(PacketFilter.class.getName());

    private final ThreadLocal<Ipv4Header> headers = ThreadLocal.withInitial(Ipv4Header::new);
    private volatile FilterRule[] rules = new FilterRule[0];
    private volatile List<FilterRule> fromNode = List.of();
    private volatile List<FilterRule> fromFile = List.of();

    @Override
    public String name() {
        return "packet-filter";
    }

    @Override
    public String arc() {
        return FeatureArcs.AFTER_INSIDE_L3;
    }

    /** Replaces the rules; the next packet meets the new ones. */
    void setRules(List<FilterRule> next) {
        rules = next.toArray(FilterRule[]::new);
    }

    List<FilterRule> rules() {
        return List.of(rules);
    }

    private synchronized void publish() {
        List<FilterRule> all = new ArrayList<>(fromNode);
        all.addAll(fromFile);
        setRules(all);
    }

    /** The node configuration's {@code culvert-filter} lines, each already checked; they replace the previous node rules. */
    @Override
    public void apply(List<Directive> lines) throws ConfigException {
        List<FilterRule> parsed = new ArrayList<>();
        for (Directive line : lines) {
            parsed.add(FilterRuleParser.parse(line));
        }
        fromNode = List.copyOf(parsed);
        publish();
        LOG.log(System.Logger.Level.INFO, "packet-filter: " + parsed.size() + " rule(s) from the node's configuration");
    }

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        Object file = properties.get("file");
        if (!(file instanceof String path) || path.isBlank()) {
            fromFile = List.of();
            publish();
            return;
        }
        try {
            fromFile = RulesFile.load(Path.of(path));
            publish();
            LOG.log(System.Logger.Level.INFO, "packet-filter: " + fromFile.size() + " rule(s) from " + path);
        } catch (ConfigException e) {
            LOG.log(System.Logger.Level.ERROR, "packet-filter: " + e.getMessage() + " (the rules in force stay: "
                    + rules.length + ")");
        }
    }

    @Override
    public DropReason apply(Packet packet) {
        FilterRule[] current = rules;
        if (current.length == 0) {
            return null;
        }
        Ipv4Header header = headers.get();
        if (!header.read(packet)) {
            return null; // not IPv4: the rules are IPv4 rules
        }
        DropReason verdict = null;
        for (FilterRule rule : current) {
            switch (rule.match(header)) {
                case YES -> {
                    return DENIED;
                }
                case UNREADABLE -> verdict = UNREADABLE;
                case NO -> { }
            }
        }
        return verdict;
    }
}
