package dev.culvert.vpn.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file the server rewrites whole from time to time (the status file, the ifconfig-pool-persist
 * file). Normally it is replaced atomically (a temporary file, then a rename), so readers never
 * see half of it. A server that drops root ({@code user}/{@code group}) may no longer write in
 * the file's directory; as OpenVPN does, it then opens the file before dropping and rewrites it
 * in place through that descriptor.
 */
public final class KeptFile implements AutoCloseable {
    private final Path path;
    private FileChannel channel;

    public KeptFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Call before dropping privileges: later writes go through a descriptor opened now. */
    public synchronized void keepOpen() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
    }

    public synchronized void write(String content) throws IOException {
        if (channel == null) {
            replaceAtomically(path, content);
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        channel.truncate(0);
        long at = 0;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /**
     * Replaces {@code file} with {@code content} so that no reader ever sees half of it: the text
     * goes to a temporary file in the same directory, is synced, and is renamed over the old one.
     * An existing file's permissions are kept; a new one is readable by its owner only, as
     * OpenVPN 2.6 creates its status and persist files.
     */
    public static void replaceAtomically(Path file, String content) throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            if (Files.exists(target)) {
                try {
                    Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
                } catch (UnsupportedOperationException notPosix) {
                    // keep the temporary file's defaults
                }
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(StandardCharsets.UTF_8.encode(content));
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
