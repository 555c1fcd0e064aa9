package dev.culvert.ipv6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.l3.L3Protocol;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** Both ways in: ServiceLoader for stacks embedded without OSGi, a DS component inside OSGi; and nothing exported. */
class ServiceDiscoveryTest {
    private static Path classes() throws Exception {
        return Path.of(Ipv6Protocol.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void serviceLoaderFindsTheProtocol() {
        L3Protocol protocol = ServiceLoader.load(L3Protocol.class).findFirst().orElseThrow();
        assertEquals(Ipv6Protocol.class, protocol.getClass());
        assertEquals(6, protocol.ipVersion());
    }

    @Test
    void itIsADeclarativeServicesComponent() throws Exception {
        Path protocol = classes().resolve("OSGI-INF/dev.culvert.ipv6.Ipv6Protocol.xml");
        assertTrue(Files.exists(protocol), "bnd-process wrote " + protocol);
        String xml = Files.readString(protocol, StandardCharsets.UTF_8);
        assertTrue(xml.contains("interface=\"dev.culvert.spi.l3.L3Protocol\"") && xml.contains("value=\"ipv6\""), xml);
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
        assertNull(main.getValue("Export-Package"), "module-ipv6 must not export its internals");
        assertEquals("dev.culvert.ipv6,dev.culvert.ipv6.wire", main.getValue("Private-Package"));
        assertTrue(!main.getValue("Import-Package").contains("dev.culvert.ipv4"), "module-ipv6 never depends on module-ipv4");
    }
}
