package dev.culvert.example.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.feature.Feature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The sample is built against the published SPI only: every package its bundle imports is one
 * stack-core's bundle exports, read from the two manifests bnd wrote. A module that needed an
 * internal kernel package would need a kernel change to install, which is what this shows it does not.
 */
class PublishedSpiOnlyTest {

    @Test
    void everyPackageTheBundleImportsIsOneStackCoreExports() throws Exception {
        Manifest own;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            own = new Manifest(in);
        }
        Set<String> imports = packages(own.getMainAttributes().getValue("Import-Package"));
        Set<String> exports = packages(stackCoreManifest().getMainAttributes().getValue("Export-Package"));
        assertFalse(exports.isEmpty(), "stack-core exports packages");
        assertTrue(imports.contains("dev.culvert.spi.feature"), "the bundle imports the feature SPI: " + imports);
        Set<String> outside = new TreeSet<>(imports);
        outside.removeAll(exports);
        assertEquals(Set.of(), outside, "imported but not exported by stack-core");
    }

    @Test
    void theHeaderReaderSplitsOnCommasOutsideQuotesOnly() {
        assertEquals(Set.of("a.b", "c.d"), packages("a.b;version=\"[1.0,2)\",c.d;uses:=\"a.b,x.y\""));
    }

    /** stack-core's manifest, from the jar or the classes directory its SPI classes were loaded from. */
    private static Manifest stackCoreManifest() throws IOException, java.net.URISyntaxException {
        URL location = Feature.class.getProtectionDomain().getCodeSource().getLocation();
        Path path = Path.of(location.toURI());
        if (Files.isDirectory(path)) {
            try (InputStream in = Files.newInputStream(path.resolve("META-INF/MANIFEST.MF"))) {
                return new Manifest(in);
            }
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            return jar.getManifest();
        }
    }

    /** The package names of an OSGi package header, without their attributes and directives. */
    static Set<String> packages(String header) {
        Set<String> names = new TreeSet<>();
        if (header == null) {
            return names;
        }
        List<String> clauses = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString());
        for (String c : clauses) {
            for (String part : c.split(";")) {
                String name = part.trim();
                if (!name.isEmpty() && !name.contains("=")) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
