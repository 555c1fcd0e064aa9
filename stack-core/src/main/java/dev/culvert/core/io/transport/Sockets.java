package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Errno;
import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.io.nativeio.SocketAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import dev.culvert.spi.transport.TransportOptions;
import java.nio.ByteBuffer;

/** Socket set-up shared by the transports: create, set options, bind, read back the bound address. */
final class Sockets {
    private Sockets() {
    }

    static int family(InetSocketAddress address) {
        return address.getAddress() instanceof Inet6Address ? Linux.AF_INET6 : Linux.AF_INET;
    }

    /** The wildcard address of the same family as {@code like}, port 0. */
    static InetSocketAddress wildcardFor(InetSocketAddress like) {
        try {
            byte[] zeros = new byte[like.getAddress() instanceof Inet6Address ? 16 : 4];
            return new InetSocketAddress(InetAddress.getByAddress(zeros), 0);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A non-blocking socket with SO_REUSEPORT and the buffer sizes {@code buffers} asks for (logged
     * when {@code announce}), bound to {@code local}; the IPv6 wildcard takes IPv4 too.
     */
    static int openBound(int type, InetSocketAddress local, TransportOptions buffers, boolean announce) throws NativeIoException {
        return open(type, local, buffers, announce, true);
    }

    /** A non-blocking TCP socket to connect to {@code remote} with, with the buffer sizes {@code buffers} asks for (logged). */
    static int openStream(InetSocketAddress remote, TransportOptions buffers) throws NativeIoException {
        int fd = Native.libc().socket(family(remote), Linux.SOCK_STREAM | Linux.SOCK_NONBLOCK | Linux.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw NativeIoException.last("socket");
        }
        try {
            SocketBuffers.apply(fd, buffers, true, "TCP connection to " + remote);
        } catch (NativeIoException | RuntimeException e) {
            Native.closeQuietly(fd);
            throw e;
        }
        return fd;
    }

    /**
     * Binds a socket without SO_REUSEPORT to {@code local} and closes it at once: it fails, naming
     * the holder, while any socket holds the address, also one of a SO_REUSEPORT group another
     * process of this user started. A TCP probe keeps SO_REUSEADDR, so the TIME_WAIT connections of
     * a node that just stopped do not count as holders. A closed probe leaves nothing behind.
     */
    static void probe(int type, InetSocketAddress local) throws NativeIoException {
        Native.closeQuietly(open(type, local, TransportOptions.DEFAULT, false, false));
    }

    static String protocol(int type) {
        return type == Linux.SOCK_STREAM ? "tcp" : "udp";
    }

    private static int open(int type, InetSocketAddress local, TransportOptions buffers, boolean announce, boolean reusePort)
            throws NativeIoException {
        int family = family(local);
        int fd = Native.libc().socket(family, type | Linux.SOCK_NONBLOCK | Linux.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw NativeIoException.last("socket");
        }
        try {
            if (reusePort) {
                setInt(fd, Linux.SOL_SOCKET, Linux.SO_REUSEPORT, 1, "SO_REUSEPORT");
            }
            if (type == Linux.SOCK_STREAM) {
                setInt(fd, Linux.SOL_SOCKET, Linux.SO_REUSEADDR, 1, "SO_REUSEADDR");
            }
            if (family == Linux.AF_INET6) {
                // The IPv6 wildcard also takes IPv4 (as v4-mapped addresses), as OpenVPN 2.6's
                // 'proto udp' server socket does; a specific IPv6 address stays IPv6 only.
                int v6only = local.getAddress().isAnyLocalAddress() ? 0 : 1;
                setInt(fd, Linux.IPPROTO_IPV6, Linux.IPV6_V6ONLY, v6only, "IPV6_V6ONLY");
            }
            SocketBuffers.apply(fd, buffers, announce, protocol(type) + " socket for " + local);
            ByteBuffer addr = Native.struct(SocketAddresses.MAX_LENGTH);
            int length = SocketAddresses.write(addr, 0, local);
            if (Native.libc().bind(fd, Native.address(addr), length) != 0) {
                int errno = Native.errno();
                if (errno == Errno.EADDRINUSE) {
                    throw ExclusivePort.inUse(protocol(type), local);
                }
                String why = errno == Errno.EADDRNOTAVAIL ? "no interface has that address" : Native.describe(errno);
                throw new NativeIoException("bind " + local + ": " + why, errno);
            }
            return fd;
        } catch (NativeIoException | RuntimeException e) {
            Native.closeQuietly(fd);
            throw e;
        }
    }

    static void setInt(int fd, int level, int option, int value, String name) throws NativeIoException {
        ByteBuffer v = Native.struct(4);
        v.putInt(0, value);
        if (Native.libc().setsockopt(fd, level, option, Native.address(v), 4) != 0) {
            throw NativeIoException.last("setsockopt " + name);
        }
    }

    static InetSocketAddress localAddress(int fd) throws NativeIoException {
        ByteBuffer addr = Native.struct(SocketAddresses.MAX_LENGTH);
        ByteBuffer length = Native.struct(4);
        length.putInt(0, SocketAddresses.MAX_LENGTH);
        if (Native.libc().getsockname(fd, Native.address(addr), Native.address(length)) != 0) {
            throw NativeIoException.last("getsockname");
        }
        return SocketAddresses.read(addr, 0);
    }
}
