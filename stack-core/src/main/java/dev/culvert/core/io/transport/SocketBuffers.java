package dev.culvert.core.io.transport;

import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.spi.transport.TransportOptions;
import java.nio.ByteBuffer;

/**
 * Sets a socket's SO_RCVBUF and SO_SNDBUF, as 2.6's {@code socket_set_buffers} does, and says
 * what the kernel made of them in 2.6's words ("Socket Buffers: R=[old->new] S=[old->new]"). The
 * kernel doubles what it is given (for its own bookkeeping) and caps it at
 * {@code net.core.rmem_max}/{@code wmem_max}; a capped size is logged as a warning, not refused.
 */
final class SocketBuffers {
    private static final System.Logger LOG = System.getLogger(SocketBuffers.class.getName());

    private SocketBuffers() {
    }

    /**
     * Sets the sizes {@code sizes} asks for (a 0 leaves that one alone), logging the result when
     * {@code announce}, for the socket {@code what} names.
     */
    static void apply(int fd, TransportOptions sizes, boolean announce, String what) throws NativeIoException {
        if (!sizes.asksForBuffers()) {
            return;
        }
        int receiveBefore = get(fd, Linux.SO_RCVBUF);
        int sendBefore = get(fd, Linux.SO_SNDBUF);
        if (sizes.receiveBuffer() > 0) {
            Sockets.setInt(fd, Linux.SOL_SOCKET, Linux.SO_RCVBUF, sizes.receiveBuffer(), "SO_RCVBUF");
        }
        if (sizes.sendBuffer() > 0) {
            Sockets.setInt(fd, Linux.SOL_SOCKET, Linux.SO_SNDBUF, sizes.sendBuffer(), "SO_SNDBUF");
        }
        if (!announce) {
            return;
        }
        int receive = get(fd, Linux.SO_RCVBUF);
        int send = get(fd, Linux.SO_SNDBUF);
        LOG.log(System.Logger.Level.INFO, what + ": Socket Buffers: R=[" + receiveBefore + "->" + receive + "] S=[" + sendBefore + "->" + send + "]");
        if (receive / 2 < sizes.receiveBuffer() || send / 2 < sizes.sendBuffer()) {
            LOG.log(System.Logger.Level.WARNING, what + ": the kernel granted less than asked (rcvbuf " + sizes.receiveBuffer() + ", sndbuf "
                    + sizes.sendBuffer() + "): it caps them at net.core.rmem_max and net.core.wmem_max; raise those with sysctl to get more");
        }
    }

    /** The socket's current size of {@code option}, as getsockopt reports it (twice what was set). */
    static int get(int fd, int option) throws NativeIoException {
        ByteBuffer value = Native.struct(4);
        ByteBuffer length = Native.struct(4);
        length.putInt(0, 4);
        if (Native.libc().getsockopt(fd, Linux.SOL_SOCKET, option, Native.address(value), Native.address(length)) != 0) {
            throw NativeIoException.last("getsockopt " + (option == Linux.SO_RCVBUF ? "SO_RCVBUF" : "SO_SNDBUF"));
        }
        return value.getInt(0);
    }
}
