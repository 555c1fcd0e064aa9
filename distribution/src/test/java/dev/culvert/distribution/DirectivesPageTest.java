package dev.culvert.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.OpenVpnOptions;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/DIRECTIVES.md is what the modules' declarations generate, so it says what the code does. */
class DirectivesPageTest {
    /** The prefix of Culvert's own directives, which OpenVPN does not have. */
    private static final String CULVERTS_OWN = "culvert-";
    private static final Path PAGE = ProjectRoot.path().resolve("docs/DIRECTIVES.md");

    @Test
    void theCommittedPageIsWhatTheModulesDeclare() throws Exception {
        String generated = DirectivesPage.render(DirectivesPage.handlers());
        if (System.getenv("CULVERT_REGENERATE") != null) {
            Files.createDirectories(PAGE.getParent());
            Files.writeString(PAGE, generated);
        }
        String committed = Files.exists(PAGE) ? Files.readString(PAGE) : "";
        assertEquals(generated, committed, PAGE + " differs from the modules' declarations; regenerate it with: "
                + "CULVERT_REGENERATE=1 ./mvnw -B -o -pl distribution -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=DirectivesPageTest");
    }

    @Test
    void thePageNamesEveryModuleThatClaimsDirectivesAndEachFate() {
        String page = DirectivesPage.render(DirectivesPage.handlers());
        Set<String> modules = DirectivesPage.handlers().stream().map(h -> h.module()).collect(Collectors.toSet());
        assertEquals(Set.of("the kernel", "module-vpn", "module-routing", "module-compress", "module-ipv4"), modules);
        assertTrue(page.contains("| `remote` | module-vpn | implemented |"), page);
        assertTrue(page.contains("| `tls-verify` | module-vpn | implemented |"), page);
        assertTrue(page.contains("| `http-proxy` | module-vpn | refused: 'http-proxy' needs a proxy, which is not implemented"), page);
        assertTrue(page.contains("| `verify-x509-name` | module-vpn | implemented |"), page);
        assertTrue(page.contains("| `culvert-workers` (not in OpenVPN 2.6's option list) | the kernel | implemented |"), page);
        assertTrue(page.contains("| `route` | module-routing | implemented |"), page);
    }

    @Test
    void everyOpenVpnOptionHasAFateInSomeModule() {
        assertEquals(List.of(), DirectivesPage.unclaimed(DirectivesPage.handlers()),
                "OpenVPN 2.6 options no module claims: claim each where it belongs, as implemented, a no-op with its reason,"
                        + " or refused with its reason and fix");
    }

    @Test
    void noModuleClaimsANameTheOptionTableDoesNotKnow() {
        List<String> strangers = new ArrayList<>();
        for (DirectiveHandler h : DirectivesPage.handlers()) {
            h.claims().stream().map(DirectiveClaim::name)
                    .filter(name -> !OpenVpnOptions.isOption(name) && !name.startsWith(CULVERTS_OWN))
                    .forEach(name -> strangers.add(h.module() + ": " + name));
        }
        assertEquals(List.of(), strangers, "claimed names that are not OpenVPN 2.6 options (" + OpenVpnOptions.class.getName()
                + ") nor Culvert's own (" + CULVERTS_OWN + "*): a misspelt claim, or an option the table lacks");
    }
}
