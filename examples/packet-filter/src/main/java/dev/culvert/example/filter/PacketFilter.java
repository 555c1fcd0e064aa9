package dev.culvert.example.filter;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.feature.Feature;
import dev.culvert.spi.feature.FeatureArcs;
import java.nio.file.Path;
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
 * <p>Its rules come from the file named by the {@code file} property of its configuration
 * ({@code dev.culvert.example.packetfilter}, e.g. a {@code .cfg} file in {@code deploy/}); the
 * file holds {@code culvert-filter} lines and may be the node's configuration itself. The filter
 * joins its arc only once it has a configuration, and leaves it when the configuration goes. A
 * change of configuration reloads the file; a bad rule keeps the rules in force and logs the
 * file, the line and the fix.
 */
@Component(service = Feature.class, configurationPid = PacketFilter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {"service.ranking:Integer=100", "culvert.name=packet-filter"})
public final class PacketFilter implements Feature {
    static final String PID = "dev.culvert.example.packetfilter";
    static final DropReason DENIED = DropReason.of("packet-filter.denied");
    static final DropReason UNREADABLE = DropReason.of("packet-filter.unreadable");
    private static final System.Logger LOG = System.getLogger(PacketFilter.class.getName());

    private final ThreadLocal<Ipv4Header> headers = ThreadLocal.withInitial(Ipv4Header::new);
    private volatile FilterRule[] rules = new FilterRule[0];

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

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        Object file = properties.get("file");
        if (!(file instanceof String path) || path.isBlank()) {
            setRules(List.of());
            LOG.log(System.Logger.Level.INFO, "packet-filter: no rules file configured (" + PID + ": file); every packet passes");
            return;
        }
        try {
            setRules(RulesFile.load(Path.of(path)));
            LOG.log(System.Logger.Level.INFO, "packet-filter: " + rules.length + " rule(s) from " + path);
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
