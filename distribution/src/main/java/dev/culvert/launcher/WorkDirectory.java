package dev.culvert.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the node keeps its framework cache: {@code -Dculvert.work=DIR}, else {@code CULVERT_WORK},
 * else {@code work/} in the distribution. One per node when several run from one install; a
 * service's own directory (systemd's StateDirectory) when the install is read-only or owned by
 * another user. It is checked before the framework starts, so a user who may not write it gets
 * one line naming the directory and the fix, not the framework's stack trace.
 */
final class WorkDirectory {
    static final String PROPERTY = "culvert.work";
    static final String ENVIRONMENT = "CULVERT_WORK";

    private WorkDirectory() {
    }

    /** The work directory for the distribution at {@code home}, created if missing and checked writable. */
    static Path of(Path home) throws IOException {
        Path work = chosen(PROPERTY, ENVIRONMENT, home.resolve("work"));
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw unwritable(work, "cannot be created (" + e.getMessage() + ")");
        }
        Path cache = work.resolve("felix-cache");
        for (Path p : new Path[] {work, cache, cache.resolve("cache.lock")}) {
            if (Files.exists(p) && !Files.isWritable(p)) {
                throw unwritable(work, p.equals(work) ? "is not writable" : "holds " + p + ", which is not writable (a cache another user made)");
            }
        }
        return work;
    }

    /** The directory a system property names, else the environment variable, else {@code fallback}. */
    static Path chosen(String property, String environment, Path fallback) {
        String chosen = System.getProperty(property);
        if (chosen == null || chosen.isEmpty()) {
            chosen = System.getenv(environment);
        }
        return chosen == null || chosen.isEmpty() ? fallback : Path.of(chosen);
    }

    private static IOException unwritable(Path work, String problem) {
        return new IOException("the work directory " + work + " " + problem + " by user " + System.getProperty("user.name")
                + "; fix: set " + ENVIRONMENT + " (or -D" + PROPERTY + " in CULVERT_JAVA_OPTS) to a directory this user may"
                + " write, e.g. /var/lib/culvert (the systemd unit's StateDirectory), or give the user this one");
    }
}
