package dev.culvert.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.spi.config.DirectiveClaim;
import dev.culvert.spi.config.DirectiveHandler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectiveCatalogTest {
    /** A module that implements {@code implemented} and refuses {@code refused}; it records what it was asked to check. */
    static class Module implements DirectiveHandler {
        final String name;
        final Set<String> implemented;
        final List<DirectiveClaim> refused;
        final List<String> checked = new ArrayList<>();

        Module(String name, Set<String> implemented, List<DirectiveClaim> refused) {
            this.name = name;
            this.implemented = implemented;
            this.refused = refused;
        }

        @Override
        public String module() {
            return name;
        }

        @Override
        public Set<String> directives() {
            return implemented;
        }

        @Override
        public Collection<DirectiveClaim> refused() {
            return refused;
        }

        @Override
        public void check(Directive directive) {
            checked.add(directive.name());
        }
    }

    private static List<ConfigException> problems(String text, DirectiveCatalog catalog) throws ConfigException {
        return Config.of(text, "node.conf").validate(catalog);
    }

    @Test
    void anImplementedDirectiveIsCheckedByItsModuleAndARefusedOneGetsTheModulesReasonAndFix() throws Exception {
        Module vpn = new Module("module-vpn", Set.of("remote"),
                List.of(DirectiveClaim.refused("dev-node", "'dev-node' names a device Culvert does not open", "remove the line")));
        List<ConfigException> found = problems("remote vpn.example\ndev-node /dev/net/tun\n", DirectiveCatalog.of(List.of(vpn), List.of()));
        assertEquals(List.of("remote"), vpn.checked);
        assertEquals(1, found.size());
        assertEquals("node.conf:2", found.get(0).where());
        assertEquals("'dev-node' names a device Culvert does not open", found.get(0).problem());
        assertEquals("remove the line", found.get(0).fix());
    }

    @Test
    void notImplementedYetSaysTheOptionIsRealAndNamesTheModule() throws Exception {
        Module vpn = new Module("module-vpn", Set.of(), DirectiveClaim.notImplementedYet("module-vpn", "verify-x509-name"));
        ConfigException e = problems("verify-x509-name vpn.example.org name\n", DirectiveCatalog.of(List.of(vpn), List.of())).get(0);
        assertEquals("node.conf:1: 'verify-x509-name' is an OpenVPN option that module-vpn does not implement yet;"
                + " remove the line, or check the release notes of a newer module-vpn", e.getMessage());
    }

    @Test
    void aModuleThatImplementsANameWinsOverOneThatRefusesIt() throws Exception {
        Module refuses = new Module("module-a", Set.of(), DirectiveClaim.notImplementedYet("module-a", "float"));
        Module implementsIt = new Module("module-b", Set.of("float"), List.of());
        assertEquals(List.of(), problems("float\n", DirectiveCatalog.of(List.of(refuses, implementsIt), List.of())));
        assertEquals(List.of("float"), implementsIt.checked);
        assertEquals("module-b", DirectiveCatalog.of(List.of(refuses, implementsIt), List.of()).moduleFor("float"));
    }

    @Test
    void anOptionNoInstalledModuleClaimsNamesTheModuleThatDeclaresIt() throws Exception {
        Module routing = new Module("module-routing", Set.of("route"), List.of());
        ConfigException e = problems("route 10.0.0.0 255.0.0.0\n", DirectiveCatalog.of(List.of(), List.of(routing))).get(0);
        assertEquals("'route' is taken by module-routing, which is not installed", e.problem());
        assertTrue(e.fix().startsWith("install module-routing"), e.fix());
        assertTrue(routing.checked.isEmpty(), "a module that is not installed checks nothing");
    }

    @Test
    void anOpenVpnOptionNoKnownModuleDeclaresIsSaidToBeOneAndToNeedAModule() throws Exception {
        ConfigException e = problems("http-proxy proxy.example 8080\n", DirectiveCatalog.of(List.of(), List.of())).get(0);
        assertEquals("node.conf:1", e.where());
        assertTrue(e.problem().contains("'http-proxy' is an OpenVPN 2.6 option that no installed module takes"), e.problem());
        assertTrue(e.fix().contains("install the module that implements it"), e.fix());
    }

    @Test
    void aWordThatIsNoOpenVpnOptionIsUnknownWithTheSpellingHint() throws Exception {
        ConfigException e = problems("remtoe vpn.example\n", DirectiveCatalog.of(List.of(), List.of())).get(0);
        assertEquals("node.conf:1: unknown directive 'remtoe'; check its spelling against OpenVPN 2.6's manual, or remove the line", e.getMessage());
        assertNull(DirectiveCatalog.of(List.of(), List.of()).moduleFor("remtoe"));
    }

    @Test
    void anOptionOpenVpnRemovedIsSaidToBeRemovedWithItsReplacement() throws Exception {
        ConfigException e = problems("key-method 2\n", DirectiveCatalog.of(List.of(), List.of())).get(0);
        assertEquals("node.conf:1: 'key-method' was removed in OpenVPN 2.5, and 2.6 refuses it too; remove the line: every OpenVPN 2.x"
                + " peer uses key method 2, the only one left", e.getMessage());
        assertTrue(OpenVpnOptions.removed("ncp-disable").orElseThrow().version().equals("2.6"));
        assertTrue(OpenVpnOptions.removed("remote").isEmpty());
    }

    @Test
    void theKernelKnowsOpenVpn26sOptionsAndNoModulesDirectives() {
        assertTrue(OpenVpnOptions.isOption("remote"));
        assertTrue(OpenVpnOptions.isOption("verify-x509-name"));
        assertTrue(OpenVpnOptions.isOption("connection"), "the inline connection profile");
        assertFalse(OpenVpnOptions.isOption("culvert-workers"), "Culvert's own directives are declared by their modules");
        assertFalse(OpenVpnOptions.isOption("remtoe"));
        assertNull(DirectiveCatalog.of(List.of(), List.of()).moduleFor("remote"));
    }

    @Test
    void aModuleThatThrowsWhileCheckingIsReportedAsItsBugOnThatLine() throws Exception {
        DirectiveHandler broken = new Module("module-x", Set.of("float"), List.of()) {
            @Override
            public void check(Directive directive) {
                throw new IllegalStateException("boom");
            }
        };
        ConfigException e = problems("float\n", DirectiveCatalog.of(List.of(broken), List.of())).get(0);
        assertEquals("node.conf:1", e.where());
        assertTrue(e.fix().contains("this is a bug in module-x"), e.fix());
    }

    @Test
    void aRefusalNeedsBothItsProblemAndItsFix() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new DirectiveClaim("x", "p", null));
        assertTrue(DirectiveClaim.implemented("x").isImplemented());
    }
}
