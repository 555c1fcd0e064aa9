package dev.culvert.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.ArgumentCheck;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The three fates a module gives a directive: implemented, accepted as a no-op with its reason, refused. */
class DirectiveFatesTest {
    /** {@link DirectiveCatalogTest.Module} that also accepts {@code noOps}. */
    static final class Module extends DirectiveCatalogTest.Module {
        final List<DirectiveClaim> noOps;

        Module(String name, Set<String> implemented, List<DirectiveClaim> noOps, List<DirectiveClaim> refused) {
            super(name, implemented, refused);
            this.noOps = noOps;
        }

        @Override
        public Collection<DirectiveClaim> noOps() {
            return noOps;
        }
    }

    private static final DirectiveClaim FAST_IO = DirectiveClaim.noOp("fast-io", "nothing to tune", ArgumentCheck.none("fast-io"));
    private static final DirectiveClaim ROUTE_DELAY = DirectiveClaim.noOp("route-delay", "routes go in at once",
            ArgumentCheck.numbers(0, 2, "route-delay [N] [W]"));

    private static List<ConfigException> problems(String text, DirectiveHandler... installed) throws ConfigException {
        return Config.of(text, "node.conf").validate(DirectiveCatalog.of(List.of(installed), List.of()));
    }

    @Test
    void aNoOpIsAcceptedWithoutItsModuleCheckingOrApplyingIt() throws Exception {
        Module vpn = new Module("module-vpn", Set.of(), List.of(FAST_IO, ROUTE_DELAY), List.of());
        assertEquals(List.of(), problems("fast-io\nroute-delay\nroute-delay 2\nroute-delay 2 10\n", vpn));
        assertTrue(vpn.checked.isEmpty(), "the claim checks a no-op's arguments, not the module: " + vpn.checked);
    }

    @Test
    void aNoOpsArgumentsAreStillCheckedSoATypoIsCaughtAtItsLine() throws Exception {
        Module vpn = new Module("module-vpn", Set.of(), List.of(FAST_IO, ROUTE_DELAY), List.of());
        List<ConfigException> found = problems("fast-io yes\nroute-delay two\nroute-delay 1 2 3\n", vpn);
        assertEquals(List.of("node.conf:1", "node.conf:2", "node.conf:3"), found.stream().map(ConfigException::where).toList());
        assertTrue(found.get(0).problem().contains("takes 0 arguments"), found.get(0).problem());
        assertTrue(found.get(1).problem().contains("'two' is not a whole number"), found.get(1).problem());
        assertTrue(found.get(1).fix().contains("route-delay [N] [W]"), found.get(1).fix());
    }

    @Test
    void theCatalogGivesANoOpsReasonAndNothingForOtherFates() {
        Module vpn = new Module("module-vpn", Set.of("remote"), List.of(FAST_IO),
                List.of(DirectiveClaim.refused("fragment", "not yet", "remove it")));
        DirectiveCatalog catalog = DirectiveCatalog.of(List.of(vpn), List.of());
        assertEquals(Optional.of("nothing to tune"), catalog.noOpReason("fast-io"));
        assertEquals(Optional.empty(), catalog.noOpReason("remote"));
        assertEquals(Optional.empty(), catalog.noOpReason("fragment"));
        assertTrue(catalog.takes("fast-io") && catalog.takes("remote"));
        assertFalse(catalog.takes("fragment") || catalog.takes("nothing-claims-this"));
    }

    @Test
    void implementedWinsOverNoOpWhichWinsOverRefusedWhicheverModuleIsInstalledFirst() throws Exception {
        Module refusing = new Module("module-a", Set.of(), List.of(), List.of(
                DirectiveClaim.refused("fast-io", "refused here", "remove it"),
                DirectiveClaim.refused("sndbuf", "refused here", "remove it")));
        Module ignoring = new Module("module-b", Set.of(), List.of(FAST_IO,
                DirectiveClaim.noOp("sndbuf", "ignored here", ArgumentCheck.numbers(1, 1, "sndbuf N"))), List.of());
        Module implementing = new Module("module-c", Set.of("sndbuf"), List.of(), List.of());
        DirectiveCatalog catalog = DirectiveCatalog.of(List.of(refusing, ignoring, implementing), List.of());
        assertEquals(List.of(), Config.of("fast-io\nsndbuf 65536\n", "node.conf").validate(catalog));
        assertEquals(List.of("sndbuf"), implementing.checked);
        assertEquals(Optional.of("nothing to tune"), catalog.noOpReason("fast-io"));
    }

    @Test
    void aClaimIsExactlyOneFate() {
        DirectiveClaim noOp = FAST_IO;
        assertTrue(noOp.isNoOp() && !noOp.isImplemented() && !noOp.isRefused());
        DirectiveClaim noted = DirectiveClaim.implemented("setenv", "kept for scripts");
        assertTrue(noted.isImplemented() && !noted.isNoOp() && !noted.isRefused());
        assertEquals("kept for scripts", noted.note());
        assertThrows(IllegalArgumentException.class, () -> new DirectiveClaim("x", "p", "f", "why", ArgumentCheck.none("x")));
        assertThrows(NullPointerException.class, () -> DirectiveClaim.noOp("x", null, ArgumentCheck.none("x")));
        assertThrows(IllegalStateException.class, () -> noOp.refusal(null));
    }

    @Test
    void oneOfNamesTheWordsItTakes() throws Exception {
        Module routing = new Module("module-routing", Set.of(), List.of(DirectiveClaim.noOp("route-method", "Windows only",
                ArgumentCheck.oneOf(Set.of("adaptive", "ipapi", "exe"), "route-method adaptive|ipapi|exe"))), List.of());
        assertEquals(List.of(), problems("route-method exe\n", routing));
        ConfigException e = problems("route-method fast\n", routing).get(0);
        assertEquals("'fast' is not one of [adaptive, exe, ipapi]", e.problem());
    }
}
