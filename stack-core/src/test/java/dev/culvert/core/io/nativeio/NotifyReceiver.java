package dev.culvert.core.io.nativeio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stand-in for systemd's notify socket in tests: an AF_UNIX datagram socket bound at a path
 * (writable by every user, as systemd's is) that collects what a node sends to
 * {@code $NOTIFY_SOCKET}. Shipped in stack-core's test-jar for the distribution's tests.
 */
public final class NotifyReceiver implements AutoCloseable {
    private final int fd;
    private final List<String> received = new ArrayList<>();

    private NotifyReceiver(int fd) {
        this.fd = fd;
    }

    public static NotifyReceiver bind(Path path) throws Exception {
        LibC libc = Native.libc();
        int fd = libc.socket(ServiceManagerNotify.AF_UNIX, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC | Linux.SOCK_NONBLOCK, 0);
        if (fd < 0) {
            throw NativeIoException.last("socket");
        }
        ByteBuffer address = ServiceManagerNotify.address(path.toString());
        if (libc.bind(fd, Native.address(address), address.limit()) != 0) {
            NativeIoException e = NativeIoException.last("bind " + path);
            Native.closeQuietly(fd);
            throw e;
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxrwx"));
        return new NotifyReceiver(fd);
    }

    /** Every datagram queued now, in order; the datagrams of earlier calls stay in {@link #all()}. */
    public synchronized List<String> drain() throws NativeIoException {
        List<String> now = new ArrayList<>();
        ByteBuffer buffer = Native.struct(4096);
        while (true) {
            long n = Native.libc().read(fd, Native.address(buffer), buffer.capacity());
            if (n < 0) {
                if (Errno.EAGAIN == Native.errno()) {
                    break;
                }
                throw NativeIoException.last("read");
            }
            byte[] bytes = new byte[(int) n];
            buffer.get(0, bytes);
            now.add(new String(bytes, StandardCharsets.UTF_8));
        }
        received.addAll(now);
        return now;
    }

    public synchronized List<String> all() throws NativeIoException {
        drain();
        return List.copyOf(received);
    }

    /** Waits (bounded) until a datagram received so far matches. */
    public String await(Predicate<String> wanted, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String d : all()) {
                if (wanted.test(d)) {
                    return d;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching notification within " + seconds + " s; received: " + all());
    }

    @Override
    public void close() {
        Native.closeQuietly(fd);
    }
}
