package dev.culvert.ipv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.l3.L3Protocol;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** Both ways in: ServiceLoader for stacks embedded without OSGi, DS components inside OSGi; and nothing exported. */
class ServiceDiscoveryTest {
    private static Path classes() throws Exception {
        return Path.of(Ipv4Protocol.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void serviceLoaderFindsTheProtocolAndTheDirective() {
        L3Protocol protocol = ServiceLoader.load(L3Protocol.class).findFirst().orElseThrow();
        assertEquals(Ipv4Protocol.class, protocol.getClass());
        assertEquals(4, protocol.ipVersion());
        DirectiveHandler handler = ServiceLoader.load(DirectiveHandler.class).findFirst().orElseThrow();
        assertEquals(MssfixDirective.class, handler.getClass());
    }

    @Test
    void bothAreDeclarativeServicesComponents() throws Exception {
        Path protocol = classes().resolve("OSGI-INF/dev.culvert.ipv4.Ipv4Protocol.xml");
        Path directive = classes().resolve("OSGI-INF/dev.culvert.ipv4.MssfixDirective.xml");
        assertTrue(Files.exists(protocol), "bnd-process wrote " + protocol);
        String xml = Files.readString(protocol, StandardCharsets.UTF_8);
        assertTrue(xml.contains("interface=\"dev.culvert.spi.l3.L3Protocol\"") && xml.contains("name=\"culvert.name\"")
                && xml.contains("value=\"ipv4\""), xml);
        assertTrue(Files.readString(directive, StandardCharsets.UTF_8).contains("interface=\"dev.culvert.spi.config.DirectiveHandler\""));
    }

    @Test
    void theBundleExportsNothing() throws Exception {
        Path manifestFile = classes().resolve("META-INF/MANIFEST.MF");
        assertTrue(Files.exists(manifestFile), "bnd-process wrote " + manifestFile);
        Manifest manifest;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            manifest = new Manifest(in);
        }
        Attributes main = manifest.getMainAttributes();
        assertNull(main.getValue("Export-Package"), "module-ipv4 must not export its internals");
        assertEquals("dev.culvert.ipv4,dev.culvert.ipv4.wire", main.getValue("Private-Package"));
        assertTrue(!main.getValue("Import-Package").contains("dev.culvert.ipv6"), "module-ipv4 never depends on module-ipv6");
    }
}
