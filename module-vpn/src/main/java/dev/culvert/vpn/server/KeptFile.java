package dev.culvert.vpn.server;

import dev.culvert.vpn.status.StatusFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file the server rewrites whole from time to time (the status file, the ifconfig-pool-persist
 * file). Normally it is replaced atomically (a temporary file, then a rename), so readers never
 * see half of it. A server that drops root ({@code user}/{@code group}) may no longer write in
 * the file's directory; as OpenVPN does, it then opens the file before dropping and rewrites it
 * in place through that descriptor.
 */
final class KeptFile implements AutoCloseable {
    private final Path path;
    private FileChannel channel;

    KeptFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Call before dropping privileges: later writes go through a descriptor opened now. */
    synchronized void keepOpen() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
    }

    synchronized void write(String content) throws IOException {
        if (channel == null) {
            StatusFile.write(path, content);
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
}
