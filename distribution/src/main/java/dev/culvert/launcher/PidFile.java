package dev.culvert.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code writepid FILE}: the node's process id and a newline, as OpenVPN writes it, written once
 * the node runs and removed when it stops cleanly. A file that by then names another process (a
 * second node took it over) is left alone.
 */
final class PidFile {
    private final Path file;
    private final String content;

    private PidFile(Path file, String content) {
        this.file = file;
        this.content = content;
    }

    static PidFile write(Path file) throws IOException {
        String content = ProcessHandle.current().pid() + "\n";
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        return new PidFile(file, content);
    }

    /** Removes the file if it still holds this process's id; safe to call more than once. */
    synchronized void remove() {
        try {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.US_ASCII).equals(content)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // The process is ending; a pid file left behind names a process that no longer runs.
        }
    }
}
