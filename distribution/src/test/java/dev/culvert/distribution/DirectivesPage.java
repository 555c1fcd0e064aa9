package dev.culvert.distribution;

import dev.culvert.core.config.OpenVpnOptions;
import dev.culvert.core.embed.KernelDirectives;
import dev.culvert.core.embed.ProcessDirectives;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * docs/DIRECTIVES.md, written from the modules' own declarations ({@link DirectiveHandler#claims}):
 * every directive a module claims, the module, and its fate there; then the OpenVPN 2.6 options
 * no module claims. Nothing here is typed by hand, so the page cannot drift from the code.
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
        for (DirectiveHandler h : handlers) {
            for (DirectiveClaim claim : h.claims()) {
                String fate = claim.isImplemented() ? "implemented" : "refused: " + claim.problem() + "; " + claim.fix();
                String origin = OpenVpnOptions.isOption(claim.name()) ? "" : " (not in OpenVPN 2.6's option list)";
                rows.merge(claim.name(), "| `" + claim.name() + "`" + origin + " | " + h.module() + " | " + escape(fate) + " |",
                        (a, b) -> a.contains("| implemented |") ? a : b);
            }
        }
        StringBuilder page = new StringBuilder();
        page.append("# Configuration directives\n\n")
                .append("Generated from the modules' declarations (`DirectiveHandler.claims()`); do not edit by hand.\n")
                .append("Regenerate with `CULVERT_REGENERATE=1 ./mvnw -B -o -pl distribution -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=DirectivesPageTest`.\n\n")
                .append("A directive is taken by the module that claims it: implemented (the module checks its arguments and acts\n")
                .append("on it) or refused (a configuration that uses it is refused with the reason and the fix shown). The kernel\n")
                .append("knows no module's directives, only OpenVPN 2.6's option names.\n\n")
                .append("| directive | module | fate |\n|---|---|---|\n");
        rows.values().forEach(row -> page.append(row).append('\n'));
        page.append("\n## OpenVPN 2.6 options no module claims\n\n")
                .append("A configuration that uses one is refused: it is an OpenVPN 2.6 option that no installed module takes.\n\n");
        List<String> unclaimed = OpenVpnOptions.names().stream().filter(name -> !rows.containsKey(name)).toList();
        page.append(String.join(", ", unclaimed.stream().map(name -> "`" + name + "`").toList())).append('\n');
        return page.toString();
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
