package dev.culvert.core.io.tun;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;

/** Turns the errno of a failed TUN call into a message that says what to do about it. */
final class TunErrors {
    static final String DEVICE = "/dev/net/tun";

    private TunErrors() {
    }

    static NativeIoException openFailed(String device, int errno) {
        String message = switch (errno) {
            case Errno.ENOENT, Errno.ENODEV, Errno.ENXIO -> "no " + device
                    + ": load the tun module (modprobe tun) or run in a container with /dev/net/tun";
            case Errno.EACCES, Errno.EPERM -> "cannot open " + device
                    + ": permission denied; run as root or grant CAP_NET_ADMIN and access to the device";
            default -> "cannot open " + device + ": " + Native.describe(errno);
        };
        return new NativeIoException(message, errno);
    }

    static NativeIoException attachFailed(String name, int errno) {
        String message = switch (errno) {
            case Errno.EPERM, Errno.EACCES -> "no CAP_NET_ADMIN: run as root or grant CAP_NET_ADMIN (creating TUN device "
                    + name + ")";
            case Errno.EBUSY -> "TUN name " + name + " is taken (EBUSY): another process holds that device";
            case Errno.EINVAL -> "TUN name " + name + " is taken (EINVAL): a device of another kind, or a TUN device "
                    + "with other flags (single- vs multi-queue), has that name";
            default -> "TUNSETIFF " + name + ": " + Native.describe(errno);
        };
        return new NativeIoException(message, errno);
    }
}
