package dev.culvert.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * What {@code --version} prints, read from the bundles' manifests without starting the framework,
 * so that it answers at once and also where the node could not start.
 */
final class VersionReport {
    static final String KERNEL_BUNDLE = "dev.culvert.stack-core";

    private VersionReport() {
    }

    /** {@code culvert VERSION}, the Java running it, then one line per bundle: name, version, file. */
    static List<String> lines(Path home) throws IOException {
        List<String> bundles = new ArrayList<>();
        String culvert = "unknown (no " + KERNEL_BUNDLE + " bundle in " + home.resolve("bundle") + ")";
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(home.resolve("bundle"), "*.jar")) {
            dir.forEach(jars::add);
        }
        jars.sort(null);
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes main = file.getManifest() == null ? new Attributes() : file.getManifest().getMainAttributes();
                String name = String.valueOf(main.getValue("Bundle-SymbolicName")).split(";")[0].trim();
                String version = String.valueOf(main.getValue("Bundle-Version"));
                if (name.equals(KERNEL_BUNDLE)) {
                    culvert = version;
                }
                bundles.add(String.format("  %-48s %-24s %s", name, version, jar.getFileName()));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("culvert " + culvert);
        lines.add("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        lines.add("bundles (" + bundles.size() + "):");
        lines.addAll(bundles);
        return lines;
    }
}
