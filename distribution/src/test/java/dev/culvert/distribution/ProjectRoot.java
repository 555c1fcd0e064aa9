package dev.culvert.distribution;

import java.nio.file.Path;

/** The project's root directory, for tests that read sources or committed docs. */
public final class ProjectRoot {
    private ProjectRoot() {
    }

    /** {@code CULVERT_PROJECT_ROOT} (surefire sets it), else the parent of the module's directory. */
    public static Path path() {
        String root = System.getenv("CULVERT_PROJECT_ROOT");
        return root != null && !root.isBlank() ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    }
}
