package dev.culvert.vpn.push;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a client keeps of a server's push, as 2.6 decides it: its {@code pull-filter} lines in
 * order, the first whose text starts the pushed option deciding (options_util.c
 * {@code apply_pull_filter}: {@code accept} keeps it, {@code ignore} drops it, {@code reject}
 * refuses the whole push, and the client restarts); then {@code route-nopull}, which drops the
 * pushed routes and DHCP/DNS options (init.c {@code pull_permission_mask} without
 * {@code OPT_P_ROUTE} and {@code OPT_P_DHCPDNS}) and keeps the rest, {@code route-gateway} included.
 *
 * @param routeNoPull {@code route-nopull}
 * @param rules       the {@code pull-filter} lines, in the file's order
 */
public record PushFilter(boolean routeNoPull, List<Rule> rules) {
    /** Keeps everything: a client without either directive. */
    public static final PushFilter NONE = new PushFilter(false, List.of());
    /** The pushed options route-nopull drops (2.6's OPT_P_ROUTE and OPT_P_DHCPDNS options). */
    static final Set<String> ROUTE_OPTIONS = Set.of("route", "route-ipv6", "redirect-gateway", "redirect-private", "route-metric",
            "block-ipv6", "client-nat", "dhcp-option", "dns", "block-outside-dns", "register-dns");

    public PushFilter {
        rules = List.copyOf(rules);
    }

    /** What a {@code pull-filter} line does with a matching option. */
    public enum Action { ACCEPT, IGNORE, REJECT }

    /** One {@code pull-filter ACTION TEXT} line: it matches an option that starts with {@code text}. */
    public record Rule(Action action, String text) {
        public Rule {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The fate of one pushed option, with the line the log shows for a dropped or refused one. */
    public record Verdict(boolean keep, boolean refuse, String note) {
        static final Verdict KEEP = new Verdict(true, false, null);
    }

    /** Judges one pushed option, as the server wrote it (surrounding spaces removed). */
    public Verdict judge(String option) {
        for (Rule rule : rules) {
            if (!option.startsWith(rule.text())) {
                continue;
            }
            return switch (rule.action()) {
                case ACCEPT -> Verdict.KEEP;
                case IGNORE -> new Verdict(false, false, "Pushed option removed by filter: '" + option + "'");
                case REJECT -> new Verdict(false, true, "Pushed option rejected by filter: '" + option + "'");
            };
        }
        String name = option.split("[ \t]+", 2)[0];
        if (routeNoPull && ROUTE_OPTIONS.contains(name)) {
            return new Verdict(false, false, "route-nopull: pushed option ignored: '" + option + "'");
        }
        return Verdict.KEEP;
    }
}
