package dev.culvert.core.logging;

import dev.culvert.core.io.nativeio.LibC;
import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.Native;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A stand-in for the local syslog: an AF_UNIX datagram socket bound at a path of the test's. */
public final class SyslogReceiver implements AutoCloseable {
    private final int fd;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(8192);

    public SyslogReceiver(Path path) {
        LibC libc = Native.libc();
        fd = libc.socket(1, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IllegalStateException("socket: " + Native.describe(Native.errno()));
        }
        ByteBuffer address = Native.struct(110);
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        address.putShort(0, (short) 1);
        address.put(2, name);
        if (libc.bind(fd, Native.address(address), 2 + name.length + 1) < 0) {
            throw new IllegalStateException("bind " + path + ": " + Native.describe(Native.errno()));
        }
    }

    /** Every datagram queued so far: a sender's send has queued its datagram by the time it returns. */
    public List<String> received() {
        List<String> out = new ArrayList<>();
        while (true) {
            long n = Native.libc().recvfrom(fd, Native.address(buffer), buffer.capacity(), Linux.MSG_DONTWAIT, 0, 0);
            if (n <= 0) {
                return out;
            }
            byte[] bytes = new byte[(int) n];
            buffer.get(0, bytes);
            out.add(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        Native.closeQuietly(fd);
    }
}
