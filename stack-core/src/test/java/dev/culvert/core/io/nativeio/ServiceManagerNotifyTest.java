package dev.culvert.core.io.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify's datagram reaches the socket a service manager listens on, by path or abstract name. */
class ServiceManagerNotifyTest {
    @TempDir
    Path dir;

    @Test
    void theStateArrivesAsOneDatagramOnASocketFile() throws Exception {
        Path path = dir.resolve("notify");
        try (NotifyReceiver systemd = NotifyReceiver.bind(path)) {
            ServiceManagerNotify.send(path.toString(), "READY=1\nMAINPID=42");
            ServiceManagerNotify.send(path.toString(), "STOPPING=1");
            assertEquals(java.util.List.of("READY=1\nMAINPID=42", "STOPPING=1"), systemd.drain());
        }
    }

    @Test
    void anAtSignNamesTheAbstractNamespace() throws Exception {
        String name = "@culvert-notify-test-" + ProcessHandle.current().pid();
        int receiver = bound(name);
        try {
            ServiceManagerNotify.send(name, "STOPPING=1");
            assertEquals("STOPPING=1", receive(receiver));
        } finally {
            Native.closeQuietly(receiver);
        }
    }

    @Test
    void theAddressIsTheFamilyThenThePathWithItsNul() {
        ByteBuffer a = ServiceManagerNotify.address("/run/x");
        assertEquals(2 + 6 + 1, a.limit());
        assertEquals(ServiceManagerNotify.AF_UNIX, a.getShort(0));
        assertEquals('/', a.get(2));
        assertEquals(0, a.get(8));
        ByteBuffer abs = ServiceManagerNotify.address("@x");
        assertEquals(2 + 1 + 1, abs.limit());
        assertEquals(0, abs.get(2));
        assertEquals('x', abs.get(3));
        assertThrows(IllegalArgumentException.class, () -> ServiceManagerNotify.address("/" + "d".repeat(107)));
    }

    @Test
    void aSocketNobodyListensOnIsAnErrorThatSaysWhich() {
        String path = dir.resolve("nobody").toString();
        NativeIoException e = assertThrows(NativeIoException.class, () -> ServiceManagerNotify.send(path, "READY=1"));
        assertTrue(e.getMessage().contains("NOTIFY_SOCKET " + path), e.getMessage());
    }

    private static int bound(String path) throws NativeIoException {
        LibC libc = Native.libc();
        int fd = libc.socket(ServiceManagerNotify.AF_UNIX, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC | Linux.SOCK_NONBLOCK, 0);
        assertTrue(fd >= 0, "socket");
        ByteBuffer address = ServiceManagerNotify.address(path);
        if (libc.bind(fd, Native.address(address), address.limit()) != 0) {
            NativeIoException e = NativeIoException.last("bind " + path);
            Native.closeQuietly(fd);
            throw e;
        }
        return fd;
    }

    /** The datagram is queued before sendto returns (AF_UNIX), so a non-blocking read finds it. */
    private static String receive(int fd) throws NativeIoException {
        ByteBuffer buffer = Native.struct(512);
        long n = Native.libc().recvfrom(fd, Native.address(buffer), buffer.capacity(), 0, 0, 0);
        if (n < 0) {
            throw NativeIoException.last("recvfrom");
        }
        byte[] bytes = new byte[(int) n];
        buffer.get(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
