package dev.culvert.core.io.nativeio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * systemd's readiness protocol ({@code sd_notify}): one datagram of {@code KEY=VALUE} lines to the
 * AF_UNIX socket named by {@code $NOTIFY_SOCKET}, so that a {@code Type=notify} unit counts the
 * node as started only once it runs, and shows reloads and stops. Java's channels have no
 * AF_UNIX datagrams, hence libc. Without {@code $NOTIFY_SOCKET} (not started by such a unit)
 * nothing is sent.
 */
public final class ServiceManagerNotify {
    public static final String ENVIRONMENT = "NOTIFY_SOCKET";
    static final int AF_UNIX = 1;
    /** sizeof(sun_path) in struct sockaddr_un; the family before it takes 2 bytes. */
    static final int PATH_MAX = 108;

    private ServiceManagerNotify() {
    }

    /** Sends {@code state} to {@code $NOTIFY_SOCKET}; false when there is no such variable. */
    public static boolean send(String state) throws NativeIoException {
        String socket = System.getenv(ENVIRONMENT);
        if (socket == null || socket.isEmpty()) {
            return false;
        }
        send(socket, state);
        return true;
    }

    /** Sends {@code state} to the socket at {@code path} ({@code @name}: Linux's abstract namespace). */
    public static void send(String path, String state) throws NativeIoException {
        ByteBuffer address = address(path);
        byte[] bytes = state.getBytes(StandardCharsets.UTF_8);
        ByteBuffer message = Native.struct(Math.max(1, bytes.length));
        message.put(bytes).flip();
        LibC libc = Native.libc();
        int fd = libc.socket(AF_UNIX, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw NativeIoException.last("socket(AF_UNIX, SOCK_DGRAM) for " + ENVIRONMENT);
        }
        try {
            // connect then write: one datagram to one address, as sendto would send it (which,
            // bound through JNR with an address, is refused with EINVAL here).
            if (libc.connect(fd, Native.address(address), address.limit()) != 0) {
                throw NativeIoException.last("connect " + ENVIRONMENT + " " + path);
            }
            if (libc.write(fd, Native.address(message), bytes.length) < 0) {
                throw NativeIoException.last("write " + ENVIRONMENT + " " + path);
            }
        } finally {
            libc.close(fd);
        }
    }

    /**
     * A struct sockaddr_un for {@code path}, its limit the length to pass: the family, then the
     * path and its NUL; for {@code @name}, a NUL and the name without one.
     */
    static ByteBuffer address(String path) {
        boolean isAbstract = path.startsWith("@");
        byte[] name = (isAbstract ? path.substring(1) : path).getBytes(StandardCharsets.UTF_8);
        int length = name.length + 1; // the abstract name's leading NUL, or a path's trailing one
        if (length > PATH_MAX) {
            throw new IllegalArgumentException(ENVIRONMENT + " names a socket path longer than " + (PATH_MAX - 1) + " bytes");
        }
        ByteBuffer address = Native.struct(2 + PATH_MAX);
        address.putShort((short) AF_UNIX);
        if (isAbstract) {
            address.put((byte) 0).put(name);
        } else {
            address.put(name).put((byte) 0);
        }
        return address.flip();
    }
}
