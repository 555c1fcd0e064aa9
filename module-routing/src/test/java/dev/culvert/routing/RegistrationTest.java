package dev.culvert.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.embed.ModuleBinder;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.route.Router;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** Both hosts find the same classes: ServiceLoader on a class path, Declarative Services in OSGi. */
class RegistrationTest {
    @Test
    void serviceLoaderFindsTheRoutersAndTheDirectiveHandler() {
        assertEquals(List.of(ClientServerRouter.class, MeshRouter.class), ServiceLoader.load(Router.class).stream().map(ServiceLoader.Provider::type).toList());
        assertEquals(List.of("module-routing"), ServiceLoader.load(DirectiveHandler.class).stream().map(p -> p.get().module()).toList());
    }

    @Test
    void discoveryPutsTheRouterInTheRouteSlot() {
        SlotRegistry registry = new SlotRegistry();
        ModuleBinder.discover(registry, RegistrationTest.class.getClassLoader());
        assertTrue(registry.slot(SlotNames.ROUTE, Router.class).activeBinding().orElseThrow().implementation() instanceof ClientServerRouter);
    }

    private static String component(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream("OSGI-INF/" + type.getName() + ".xml")) {
            if (in == null) {
                throw new AssertionError("no Declarative Services descriptor for " + type.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theRouterIsAComponentNamedClientServer() throws IOException {
        String xml = component(ClientServerRouter.class);
        assertTrue(xml.contains("interface=\"dev.culvert.spi.route.Router\""), xml);
        assertTrue(xml.contains("name=\"culvert.name\"") && xml.contains("value=\"client-server\""), xml);
        assertTrue(xml.contains("name=\"service.ranking\" type=\"Integer\""), xml);
    }

    @Test
    void theMeshRouterIsAComponentNamedMeshRankedBelowTheHub() throws IOException {
        String xml = component(MeshRouter.class);
        assertTrue(xml.contains("interface=\"dev.culvert.spi.route.Router\""), xml);
        assertTrue(xml.contains("name=\"culvert.name\"") && xml.contains("value=\"mesh\""), xml);
        assertTrue(MeshRouter.RANKING < ClientServerRouter.RANKING);
    }

    @Test
    void theDirectiveHandlerIsAComponent() throws IOException {
        assertTrue(component(RoutingDirectives.class).contains("interface=\"dev.culvert.spi.config.DirectiveHandler\""));
    }

    @Test
    void theBundleExportsNothing() throws Exception {
        Path classes = Path.of(ClientServerRouter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path manifestFile = classes.resolve("META-INF/MANIFEST.MF");
        assertTrue(Files.exists(manifestFile), "bnd-process wrote " + manifestFile);
        Manifest manifest;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            manifest = new Manifest(in);
        }
        Attributes main = manifest.getMainAttributes();
        assertNull(main.getValue("Export-Package"), "module-routing must not export its internals");
        assertEquals("dev.culvert.routing", main.getValue("Private-Package"));
        assertTrue(main.getValue("Import-Package").contains("dev.culvert.spi.route"));
    }
}
