package dev.culvert.core.io.tun;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import java.util.Optional;

/**
 * A network device as the kernel sees it now, read with the SIOCGIF* ioctls on a socket of the
 * calling thread's network namespace (not {@code /sys}, which shows the namespace it was mounted
 * in): its index, its flags and its MTU.
 */
record DeviceState(String name, int index, int flags, int mtu) {
    static final int IFF_UP = 0x1;
    /** Up with a carrier: for a TUN device, a process has a queue attached. */
    static final int IFF_RUNNING = 0x40;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCGIFMTU = 0x8921;
    private static final long SIOCGIFINDEX = 0x8933;

    /** The device {@code name}, or empty when there is none in this namespace. */
    static Optional<DeviceState> of(String name) throws NativeIoException {
        int fd = Native.libc().socket(Linux.AF_INET, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw NativeIoException.last("socket for SIOCGIFINDEX");
        }
        try {
            IfReq request = new IfReq(name, 0);
            if (Native.libc().ioctl(fd, SIOCGIFINDEX, request.address) != 0) {
                int errno = Native.errno();
                if (errno == Errno.ENODEV) {
                    return Optional.empty();
                }
                throw new NativeIoException("SIOCGIFINDEX " + name + ": " + Native.describe(errno), errno);
            }
            int index = request.buffer.getInt(IfReq.FLAGS_OFFSET);
            request = new IfReq(name, 0);
            if (Native.libc().ioctl(fd, SIOCGIFFLAGS, request.address) != 0) {
                throw NativeIoException.last("SIOCGIFFLAGS " + name);
            }
            int flags = request.buffer.getShort(IfReq.FLAGS_OFFSET) & 0xFFFF;
            request = new IfReq(name, 0);
            if (Native.libc().ioctl(fd, SIOCGIFMTU, request.address) != 0) {
                throw NativeIoException.last("SIOCGIFMTU " + name);
            }
            return Optional.of(new DeviceState(name, index, flags, request.buffer.getInt(IfReq.FLAGS_OFFSET)));
        } finally {
            Native.closeQuietly(fd);
        }
    }

    boolean up() {
        return (flags & IFF_UP) != 0;
    }

    /** Up and carrying: a TUN device in that state has a queue attached (an unattached one shows NO-CARRIER). */
    boolean attached() {
        return up() && (flags & IFF_RUNNING) != 0;
    }
}
