package dev.culvert.core.io.nativeio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A connected {@code AF_UNIX} datagram socket, such as the local syslog's {@code /dev/log}: the
 * JDK has Unix-domain stream channels only. Each {@link #send} is one datagram, written without
 * blocking; a full receiver drops it instead of stalling the caller (a logger must never hold up
 * a node).
 */
public final class UnixDatagram implements AutoCloseable {
    private static final int AF_UNIX = 1;
    /** sizeof(struct sockaddr_un): the family, then a path of at most 107 bytes and its NUL. */
    private static final int SOCKADDR_UN = 110;
    private static final int MAX_DATAGRAM = 8192;

    private final int fd;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final Path path;
    private boolean closed;

    private UnixDatagram(int fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    /** Connects to the datagram socket at {@code path}; the error says why not (no such socket, not a datagram socket). */
    public static UnixDatagram connect(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length > SOCKADDR_UN - 3) {
            throw new IOException(path + ": a socket path is at most " + (SOCKADDR_UN - 3) + " bytes");
        }
        LibC libc = Native.libc();
        int fd = libc.socket(AF_UNIX, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new NativeIoException("socket(AF_UNIX, SOCK_DGRAM)", Native.errno());
        }
        ByteBuffer address = Native.struct(SOCKADDR_UN);
        address.putShort(0, (short) AF_UNIX);
        address.put(2, name);
        if (libc.connect(fd, Native.address(address), 2 + name.length + 1) < 0) {
            int errno = Native.errno();
            Native.closeQuietly(fd);
            throw new IOException(path + ": " + Native.describe(errno));
        }
        return new UnixDatagram(fd, path);
    }

    /** Sends {@code message} as one datagram (cut at 8 KiB); false when the receiver did not take it. */
    public synchronized boolean send(byte[] message) {
        if (closed) {
            return false;
        }
        int length = Math.min(message.length, MAX_DATAGRAM);
        buffer.clear();
        buffer.put(message, 0, length);
        long sent = Native.libc().sendto(fd, Native.address(buffer), length, Linux.MSG_DONTWAIT | Linux.MSG_NOSIGNAL, 0, 0);
        return sent == length;
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Native.closeQuietly(fd);
        }
    }
}
