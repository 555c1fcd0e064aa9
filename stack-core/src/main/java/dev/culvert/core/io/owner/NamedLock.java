package dev.culvert.core.io.owner;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock between processes: a datagram socket bound to an abstract UNIX address
 * ({@code \0culvert/udp/1194}). Only one socket can have a name, so only one process holds the
 * lock; the kernel frees the name when the socket closes, also when its process dies, so a crash
 * never blocks a restart. Abstract names belong to a network namespace, as ports and devices do:
 * two nodes in two namespaces never wait for each other. Closing releases it.
 */
public final class NamedLock implements AutoCloseable {
    private static final int SUN_PATH = 108;
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final String name;
    private int fd;

    private NamedLock(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    /**
     * Takes the lock {@code name}, waiting at most {@code waitMillis} while another holds it.
     *
     * @throws NativeIoException with {@link Errno#EADDRINUSE} when it stayed taken, naming the holder
     */
    public static NamedLock acquire(String name, long waitMillis) throws NativeIoException {
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        if (raw.length == 0 || raw.length >= SUN_PATH) {
            throw new IllegalArgumentException("lock name '" + name + "': 1 to " + (SUN_PATH - 1) + " bytes");
        }
        ByteBuffer address = Native.struct(2 + SUN_PATH);
        address.putShort(0, (short) Linux.AF_UNIX);
        address.put(3, raw); // sun_path[0] stays 0: an abstract name, no file
        int length = 2 + 1 + raw.length;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            int fd = Native.libc().socket(Linux.AF_UNIX, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw NativeIoException.last("socket AF_UNIX for the lock " + name);
            }
            if (Native.libc().bind(fd, Native.address(address), length) == 0) {
                return new NamedLock(name, fd);
            }
            int errno = Native.errno();
            Native.closeQuietly(fd);
            if (errno != Errno.EADDRINUSE) {
                throw new NativeIoException("lock " + name + ": " + Native.describe(errno), errno);
            }
            if (System.nanoTime() - deadline >= 0) {
                String holders = Holder.describe(ProcFs.system().abstractSocketHolders(name), "a process this user cannot see");
                throw new NativeIoException("the lock " + name + " stayed held by " + holders + " for " + waitMillis + " ms",
                        Errno.EADDRINUSE);
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    public String name() {
        return name;
    }

    @Override
    public synchronized void close() {
        Native.closeQuietly(fd);
        fd = -1;
    }
}
