package dev.culvert.distribution.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which module a class belongs to, from where it was loaded: a reactor module's
 * {@code MODULE/target/classes} (or {@code test-classes}) or its jar {@code MODULE-VERSION.jar}.
 * And what stack-core exports as its API and SPI: the {@code culvert.api} list in
 * stack-core/bnd.bnd, the same list bnd's {@code -exportcontents} is made of.
 */
final class Modules {
    static final String KERNEL = "stack-core";
    private static final Pattern DIRECTORY = Pattern.compile("/([A-Za-z0-9_.-]+)/target/(?:test-)?classes/");
    private static final Pattern JAR = Pattern.compile("/([A-Za-z0-9_.-]+?)-\\d+(?:\\.\\d+)*(?:-SNAPSHOT)?(?:-tests)?\\.jar!");

    private Modules() {
    }

    /** The module {@code c} was loaded from, or empty for a class from outside the project (the JDK, a library). */
    static Optional<String> of(JavaClass c) {
        if (c.getSource().isEmpty()) {
            return Optional.empty();
        }
        String uri = c.getSource().get().getUri().toString();
        Matcher dir = DIRECTORY.matcher(uri);
        if (dir.find()) {
            return Optional.of(dir.group(1));
        }
        Matcher jar = JAR.matcher(uri);
        return jar.find() && c.getPackageName().startsWith("dev.culvert") ? Optional.of(jar.group(1)) : Optional.empty();
    }

    /** The package patterns of {@code culvert.api} in stack-core/bnd.bnd ({@code p.*} is p and its subpackages). */
    static List<String> kernelApi(Path projectRoot) {
        List<String> logical = new ArrayList<>();
        try {
            StringBuilder current = new StringBuilder();
            for (String line : Files.readAllLines(projectRoot.resolve("stack-core/bnd.bnd"))) {
                if (line.stripLeading().startsWith("#")) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    current.append(line, 0, line.length() - 1);
                    continue;
                }
                logical.add(current.append(line).toString());
                current.setLength(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : logical) {
            if (line.startsWith("culvert.api:")) {
                List<String> entries = new ArrayList<>();
                for (String entry : line.substring("culvert.api:".length()).split(",")) {
                    if (!entry.isBlank()) {
                        entries.add(entry.strip());
                    }
                }
                return List.copyOf(entries);
            }
        }
        throw new IllegalStateException("stack-core/bnd.bnd has no culvert.api list");
    }

    /** Whether {@code pkg} matches one of bnd's patterns. */
    static boolean matches(List<String> patterns, String pkg) {
        return new PackageRules.Allowed(patterns).permits(pkg);
    }
}
