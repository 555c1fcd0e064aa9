package dev.culvert.distribution.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What each package's {@code package-info.java} says it may depend on, read from the sources.
 * The line starts {@code May depend on:} (after the comment's {@code *} and an optional
 * {@code <p>}) and lists {@code dev.culvert} packages, comma-separated, going on over the comment's
 * next lines up to a blank comment line or the comment's end; {@code p.*} means p and its
 * subpackages, as in bnd. {@code none} allows no {@code dev.culvert} package but the package itself.
 */
final class PackageRules {
    private static final Pattern LINE = Pattern.compile("^\\s*\\*\\s*(?:<p>)?\\s*May depend on:(.*)$", Pattern.MULTILINE);
    /** A line that goes on with the list: a comment line with text that starts no paragraph and ends no comment. */
    private static final Pattern CONTINUATION = Pattern.compile("^\\s*\\*\\s+(?!<p>)(?!/)(\\S.*)$");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern ENTRY = Pattern.compile("dev\\.culvert(?:\\.[a-z0-9_]+)+(?:\\.\\*)?");

    /** Packages with a package-info, each with its line (empty when the package-info has none). */
    private final Map<String, Optional<Allowed>> byPackage;

    private PackageRules(Map<String, Optional<Allowed>> byPackage) {
        this.byPackage = byPackage;
    }

    /** Reads every {@code package-info.java} under the given source roots. */
    static PackageRules read(List<Path> sourceRoots) {
        Map<String, Optional<Allowed>> found = new TreeMap<>();
        for (Path root : sourceRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.getFileName().toString().equals("package-info.java")).toList()) {
                    String text = Files.readString(file);
                    Matcher pkg = PACKAGE.matcher(text);
                    if (pkg.find()) {
                        found.put(pkg.group(1), parse(text));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new PackageRules(found);
    }

    /** Every main source root of the project ({@code MODULE/src/main/java}, also one directory deeper). */
    static List<Path> mainSourceRoots(Path projectRoot) {
        try (Stream<Path> dirs = Files.walk(projectRoot, 5)) {
            return dirs.filter(d -> d.endsWith(Path.of("src", "main", "java")))
                    .filter(d -> !d.toString().contains("/target/") && !d.toString().contains("/.git/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Allowed> parse(String packageInfo) {
        Matcher line = LINE.matcher(packageInfo);
        if (!line.find()) {
            return Optional.empty();
        }
        StringBuilder list = new StringBuilder(line.group(1));
        String[] after = packageInfo.substring(line.end()).split("\\R", -1);
        for (int i = 1; i < after.length; i++) {
            Matcher more = CONTINUATION.matcher(after[i]);
            if (!more.matches()) {
                break;
            }
            list.append(' ').append(more.group(1));
        }
        Matcher entry = ENTRY.matcher(list);
        List<String> entries = new java.util.ArrayList<>();
        while (entry.find()) {
            entries.add(entry.group());
        }
        return Optional.of(new Allowed(List.copyOf(entries)));
    }

    /** The rule of {@code pkg}: absent when the package has no package-info or no line in it. */
    Optional<Allowed> of(String pkg) {
        return byPackage.getOrDefault(pkg, Optional.empty());
    }

    Map<String, Optional<Allowed>> all() {
        return byPackage;
    }

    /** The packages one package may depend on. */
    record Allowed(List<String> entries) {
        boolean permits(String target) {
            for (String e : entries) {
                if (e.endsWith(".*")) {
                    String base = e.substring(0, e.length() - 2);
                    if (target.equals(base) || target.startsWith(base + ".")) {
                        return true;
                    }
                } else if (target.equals(e)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return entries.isEmpty() ? "none" : String.join(", ", entries);
        }
    }
}
