package dev.culvert.distribution;

import dev.culvert.core.config.OpenVpnOptions;
import dev.culvert.core.embed.KernelDirectives;
import dev.culvert.core.embed.ProcessDirectives;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * docs/DIRECTIVES.md, written from the modules' own declarations ({@link DirectiveHandler#claims}):
 * every directive a module claims, the module, and its fate there (implemented, accepted with no
 * effect, or refused); then the OpenVPN 2.6 options no module claims. Nothing here is typed by hand, so the page cannot drift from the code.
 */
final class DirectivesPage {
    private DirectivesPage() {
    }

    /** The kernel's handlers and every module's on the class path (the distribution has them all). */
    static List<DirectiveHandler> handlers() {
        List<DirectiveHandler> all = new ArrayList<>();
        all.add(new KernelDirectives());
        all.add(new ProcessDirectives());
        ServiceLoader.load(DirectiveHandler.class, DirectivesPage.class.getClassLoader()).forEach(all::add);
        return all;
    }

    static String render(List<DirectiveHandler> handlers) {
        Map<String, String> rows = new TreeMap<>();
        Map<String, Integer> ranks = new TreeMap<>();
        for (DirectiveHandler h : handlers) {
            for (DirectiveClaim claim : h.claims()) {
                // As the kernel decides between modules: implemented, then no-op, then refused.
                int rank = claim.isImplemented() ? 2 : claim.isNoOp() ? 1 : 0;
                if (ranks.getOrDefault(claim.name(), -1) >= rank) {
                    continue;
                }
                ranks.put(claim.name(), rank);
                String origin = OpenVpnOptions.isOption(claim.name()) ? "" : " (not in OpenVPN 2.6's option list)";
                rows.put(claim.name(), "| `" + claim.name() + "`" + origin + " | " + h.module() + " | " + escape(fate(claim)) + " |");
            }
        }
        StringBuilder page = new StringBuilder();
        page.append("# Configuration directives\n\n")
                .append("Generated from the modules' declarations (`DirectiveHandler.claims()`); do not edit by hand.\n")
                .append("Regenerate with `CULVERT_REGENERATE=1 ./mvnw -B -o -pl distribution -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=DirectivesPageTest`.\n\n")
                .append("A directive is taken by the module that claims it: implemented (the module checks its arguments and acts\n")
                .append("on it), accepted with no effect (its arguments are checked, and the reason shown is logged at start from\n")
                .append("verb 4), or refused (a configuration that uses it is refused with the reason and the fix shown). The kernel\n")
                .append("knows no module's directives, only OpenVPN 2.6's option names.\n\n")
                .append("A refused or unknown option is skipped with a warning instead when the configuration lists it first in\n")
                .append("`ignore-unknown-option`, writes it as `setenv opt NAME ...`, or says `setenv FORWARD_COMPATIBLE 1` before\n")
                .append("it, as in OpenVPN 2.6.\n\n")
                .append("| directive | module | fate |\n|---|---|---|\n");
        rows.values().forEach(row -> page.append(row).append('\n'));
        page.append("\n## OpenVPN 2.6 options no module claims\n\n")
                .append("A configuration that uses one is refused: it is an OpenVPN 2.6 option that no installed module takes.\n\n");
        List<String> unclaimed = unclaimed(handlers);
        page.append(unclaimed.isEmpty() ? "None: every OpenVPN 2.6 option has its fate above."
                : String.join(", ", unclaimed.stream().map(name -> "`" + name + "`").toList())).append('\n');
        return page.toString();
    }

    /** The OpenVPN 2.6 options none of {@code handlers} claims, sorted. */
    static List<String> unclaimed(List<DirectiveHandler> handlers) {
        Set<String> claimed = new HashSet<>();
        handlers.forEach(h -> h.claims().forEach(c -> claimed.add(c.name())));
        return OpenVpnOptions.names().stream().filter(name -> !claimed.contains(name)).toList();
    }

    private static String fate(DirectiveClaim claim) {
        if (claim.isRefused()) {
            return "refused: " + claim.problem() + "; " + claim.fix();
        }
        if (claim.isNoOp()) {
            return "accepted, no effect: " + claim.note();
        }
        return claim.note() == null ? "implemented" : "implemented: " + claim.note();
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
