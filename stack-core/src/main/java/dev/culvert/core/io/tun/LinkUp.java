package dev.culvert.core.io.tun;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.LibC;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;

/**
 * Sets a device's MTU (and its transmit queue length, if asked) and brings its link up with
 * ioctls on a datagram socket ({@code SIOCSIFMTU}, {@code SIOCSIFTXQLEN}, then
 * {@code SIOCGIFFLAGS}/{@code SIOCSIFFLAGS} with {@code IFF_UP}): what
 * {@code ip link set dev NAME mtu MTU txqueuelen N up} does, as 2.6's {@code open_tun} on Linux, without starting a process on the node's start-up
 * path. Addresses and routes still go through {@link IpTool}.
 */
public final class LinkUp {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final long SIOCGIFFLAGS = 0x8913L;
    private static final long SIOCSIFFLAGS = 0x8914L;
    private static final long SIOCSIFMTU = 0x8922L;
    private static final long SIOCSIFTXQLEN = 0x8943L;
    private static final int IFF_UP = 0x1;
    /** struct ifreq: the union after the name holds ifr_mtu (an int) or ifr_flags (a short). */
    private static final int UNION_OFFSET = IfReq.FLAGS_OFFSET;

    private LinkUp() {
    }

    /** {@code ip link set dev DEVICE mtu MTU up}, by ioctl. */
    public static void setMtuAndUp(String device, int mtu) throws NativeIoException {
        setMtuAndUp(device, mtu, 0);
    }

    /** {@code ip link set dev DEVICE mtu MTU txqueuelen QLEN up}, by ioctl; a {@code txQueueLength} of 0 leaves the queue as it is. */
    public static void setMtuAndUp(String device, int mtu, int txQueueLength) throws NativeIoException {
        LibC libc = Native.libc();
        int socket = libc.socket(AF_INET, SOCK_DGRAM, 0);
        if (socket < 0) {
            int errno = Native.errno();
            throw new NativeIoException("link " + device + ": no socket to configure it with: " + Native.describe(errno), errno);
        }
        try {
            IfReq request = new IfReq(device, 0);
            request.buffer.putInt(UNION_OFFSET, mtu);
            call(libc, socket, SIOCSIFMTU, request, device, "set MTU " + mtu + " on");
            if (txQueueLength > 0) {
                request.buffer.putInt(UNION_OFFSET, txQueueLength);
                call(libc, socket, SIOCSIFTXQLEN, request, device, "set the transmit queue length " + txQueueLength + " on");
            }
            call(libc, socket, SIOCGIFFLAGS, request, device, "read the flags of");
            request.buffer.putShort(UNION_OFFSET, (short) (request.flags() | IFF_UP));
            call(libc, socket, SIOCSIFFLAGS, request, device, "bring up");
        } finally {
            Native.closeQuietly(socket);
        }
    }

    private static void call(LibC libc, int socket, long request, IfReq ifreq, String device, String what) throws NativeIoException {
        if (libc.ioctl(socket, request, ifreq.address) < 0) {
            int errno = Native.errno();
            String why = switch (errno) {
                case Errno.EPERM, Errno.EACCES -> "permission denied; run as root or grant CAP_NET_ADMIN";
                case Errno.ENODEV -> "no such device";
                case Errno.EINVAL -> "the device does not take it";
                default -> Native.describe(errno);
            };
            throw new NativeIoException("cannot " + what + " " + device + ": " + why, errno);
        }
    }
}
