package dev.culvert.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.compress.Compressor;
import dev.culvert.spi.config.DirectiveHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Both hosts find the same classes: ServiceLoader on a class path, Declarative Services in OSGi. */
class RegistrationTest {
    @Test
    void serviceLoaderFindsEveryCodec() {
        Set<String> names = ServiceLoader.load(Compressor.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toSet());
        assertEquals(Set.of("lz4", "snappy", "none", "lzo"), names);
    }

    @Test
    void serviceLoaderFindsTheDirectiveHandler() {
        List<String> modules = ServiceLoader.load(DirectiveHandler.class).stream().map(p -> p.get().module()).toList();
        assertEquals(List.of("module-compress"), modules);
    }

    private static String component(Class<?> type) throws IOException {
        // bnd writes these at process-classes, before the tests run.
        try (InputStream in = type.getClassLoader().getResourceAsStream("OSGI-INF/" + type.getName() + ".xml")) {
            if (in == null) {
                throw new AssertionError("no Declarative Services descriptor for " + type.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void eachCodecIsAComponentWithItsNameAndRanking() throws IOException {
        assertComponent(Lz4Compressor.class, "lz4", 20);
        assertComponent(SnappyCompressor.class, "snappy", 10);
        assertComponent(NoCompressor.class, "none", 0);
        assertComponent(LzoCompressor.class, "lzo", -10);
    }

    private static void assertComponent(Class<? extends Compressor> type, String name, int ranking) throws IOException {
        String xml = component(type);
        assertTrue(xml.contains("interface=\"dev.culvert.spi.compress.Compressor\""), xml);
        assertTrue(xml.contains("name=\"culvert.name\"") && xml.contains("value=\"" + name + "\""), xml);
        assertTrue(xml.contains("name=\"service.ranking\" type=\"Integer\" value=\"" + ranking + "\""), xml);
    }

    @Test
    void theDirectiveHandlerIsAComponent() throws IOException {
        assertTrue(component(CompressionDirectives.class).contains("interface=\"dev.culvert.spi.config.DirectiveHandler\""));
    }

    @Test
    void theBundleExportsNothing() throws Exception {
        // bnd writes the manifest into the classes directory before the tests run.
        Path classes = Path.of(Lz4Compressor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path manifestFile = classes.resolve("META-INF/MANIFEST.MF");
        assertTrue(Files.exists(manifestFile), "bnd-process wrote " + manifestFile);
        Manifest manifest;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            manifest = new Manifest(in);
        }
        Attributes main = manifest.getMainAttributes();
        assertNull(main.getValue("Export-Package"), "module-compress must not export its internals");
        // aircompressor's packages are embedded, private: the jar has no OSGi manifest to install it by.
        assertEquals(Set.of("dev.culvert.compress", "io.airlift.compress", "io.airlift.compress.hadoop", "io.airlift.compress.lzo"),
                Set.of(main.getValue("Private-Package").split(",")), "bnd lists them in no fixed order");
        String imports = main.getValue("Import-Package");
        assertTrue(imports.contains("net.jpountz.lz4") && imports.contains("org.xerial.snappy") && imports.contains("dev.culvert.spi.compress"), imports);
        assertTrue(imports.contains("sun.misc;resolution:=optional") && !imports.contains("org.apache.hadoop"),
                "aircompressor's Unsafe is optional and its Hadoop streams are never loaded: " + imports);
    }
}
