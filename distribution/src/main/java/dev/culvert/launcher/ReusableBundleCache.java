package dev.culvert.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the framework cache the last start left in the work directory can serve this start.
 * Emptying and refilling it cost a third of every start (a file or directory made or deleted per
 * bundle, on a disk that syncs its journal), and Declarative Services keeps its parsed component
 * descriptions there. It is reused only when it was made by the same distribution on the same
 * JDK: the key, written beside the cache once a start succeeded, names every jar of the
 * distribution (name, size, modification time), the JDK and this format. An upgraded or
 * changed distribution, another JDK, or a start that failed before writing the key gets a cache
 * emptied first, as every start used to.
 */
final class ReusableBundleCache {
    static final String KEY_FILE = "felix-cache.key";
    private static final String FORMAT = "culvert-bundle-cache 1";

    private final Path keyFile;
    private final String key;

    private ReusableBundleCache(Path keyFile, String key) {
        this.keyFile = keyFile;
        this.key = key;
    }

    /** The cache's key for the distribution at {@code home}, kept in {@code work}. */
    static ReusableBundleCache of(Path home, Path work) throws IOException {
        StringBuilder key = new StringBuilder(FORMAT).append('\n');
        key.append(System.getProperty("java.home")).append(' ').append(System.getProperty("java.vm.version")).append('\n');
        for (Path jar : jars(home)) {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            key.append(home.relativize(jar)).append(' ').append(attributes.size()).append(' ')
                    .append(attributes.lastModifiedTime().toMillis()).append('\n');
        }
        return new ReusableBundleCache(work.resolve(KEY_FILE), key.toString());
    }

    /** True when the cache was left by a successful start of this same distribution and JDK. */
    boolean reusable() {
        try {
            return Files.readString(keyFile, StandardCharsets.UTF_8).equals(key);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Before a start that empties the cache: a start that fails half-way must not leave a key that vouches for it. */
    void forget() throws IOException {
        Files.deleteIfExists(keyFile);
    }

    /** After a successful start: the next one may reuse the cache. */
    void vouch() throws IOException {
        Path written = keyFile.resolveSibling(KEY_FILE + ".new");
        Files.writeString(written, key, StandardCharsets.UTF_8);
        Files.move(written, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Path> jars(Path home) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String dir : new String[] {"lib", "bundle"}) {
            Path d = home.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> found = Files.newDirectoryStream(d, "*.jar")) {
                found.forEach(jars::add);
            }
        }
        jars.sort(null);
        return jars;
    }
}
