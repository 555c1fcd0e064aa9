package dev.culvert.core.io.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding who holds a port or a TUN device in a /proc laid out by the test: processes that
 * vanish, lie about their names, hold other things, or live in another namespace.
 */
class ProcFsTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    @TempDir
    Path proc;

    @Test
    void namesTheProcessesWhoseSocketsHoldThePort() throws Exception {
        table("udp", HEADER, line("00000000:04AA", 100), line("0100007F:0035", 200), "garbage \u0000 line");
        table("udp6", HEADER);
        process(4242, "openvpn\n", "net:[1]", "socket:[100]");
        process(77, "dnsmasq\n", "net:[1]", "socket:[200]");
        process(99, "bystander\n", "net:[1]", "socket:[300]", "/dev/null");
        assertEquals(List.of(new Holder(4242, "openvpn")), fs().portHolders("udp", address("0.0.0.0", 1194)));
        assertEquals(List.of(new Holder(4242, "openvpn")), fs().portHolders("udp", address("10.0.0.1", 1194)));
        assertEquals(List.of(), fs().portHolders("udp", address("0.0.0.0", 1195)));
        assertEquals(List.of(), fs().portHolders("tcp", address("0.0.0.0", 1194)), "no tcp table: nobody");
    }

    @Test
    void everyProcessOfAGroupIsNamedInPidOrder() throws Exception {
        table("tcp", HEADER, line("00000000:01BB", 11), line("00000000:01BB", 12));
        process(3000, "java\n", "net:[1]", "socket:[12]");
        process(20, "java\n", "net:[1]", "socket:[11]", "socket:[12]");
        assertEquals(List.of(new Holder(20, "java"), new Holder(3000, "java")), fs().portHolders("tcp", address("::", 443)));
    }

    @Test
    void hostileNamesAreCutAndUnreadableOnesLeftEmpty() throws Exception {
        table("udp", HEADER, line("00000000:04AA", 100));
        process(5, "evil\u001b[2J\u0007name-that-is-far-too-long\n", "net:[1]", "socket:[100]");
        process(6, null, "net:[1]", "socket:[100]");
        assertEquals(List.of(new Holder(5, "evil?[2J?name-t"), new Holder(6, "")), fs().portHolders("udp", address("0.0.0.0", 1194)));
        assertEquals("pid 6", new Holder(6, "").toString());
    }

    @Test
    void entriesThatAreNotProcessesOrVanishedAreSkipped() throws Exception {
        table("udp", HEADER, line("00000000:04AA", 100));
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(proc.resolve("12abc/fd"));
        Files.createDirectories(proc.resolve("99999999999999999999999/fd"));
        Files.createDirectories(proc.resolve("31")); // ended between the listing and the look: no fd directory
        process(32, "ok\n", "net:[1]", "socket:[100]");
        assertEquals(List.of(new Holder(32, "ok")), fs().portHolders("udp", address("0.0.0.0", 1194)));
    }

    @Test
    void aTunDeviceIsHeldByTheProcessesOfThisNamespaceWhoseDescriptorSaysSo() throws Exception {
        Files.createDirectories(proc.resolve("thread-self/ns"));
        Files.createSymbolicLink(proc.resolve("thread-self/ns/net"), Path.of("net:[1]"));
        process(10, "culvert\n", "net:[1]", "/dev/net/tun");
        fdinfo(10, 0, "pos:\t0\nflags:\t02004002\nmnt_id:\t25\niff:\ttun0\n");
        process(11, "other-ns\n", "net:[2]", "/dev/net/tun");
        fdinfo(11, 0, "iff:\ttun0\n");
        process(12, "tun1-user\n", "net:[1]", "/dev/net/tun");
        fdinfo(12, 0, "iff:\ttun1\n");
        process(13, "liar\n", "net:[1]", "/dev/null");
        fdinfo(13, 0, "iff:\ttun0\n");
        process(14, "detached\n", "net:[1]", "/dev/net/tun");
        fdinfo(14, 0, "pos:\t0\n");
        assertEquals(List.of(new Holder(10, "culvert")), fs().tunHolders("tun0"));
        assertEquals(List.of(new Holder(12, "tun1-user")), fs().tunHolders("tun1"));
        assertEquals(List.of(), fs().tunHolders("tun"));
    }

    @Test
    void anAbstractSocketIsFoundByItsName() throws Exception {
        Files.createDirectories(proc.resolve("thread-self/net"));
        Files.write(proc.resolve("thread-self/net/unix"), List.of("Num       RefCount Protocol Flags    Type St Inode Path",
                "0000000000000000: 00000002 00000000 00000000 0002 01 700 @culvert/udp/1194",
                "0000000000000000: 00000002 00000000 00000000 0002 01 701 @culvert/udp/11940",
                "0000000000000000: 00000002 00000000 00000000 0002 01 x @culvert/udp/1194"));
        process(40, "java\n", "net:[1]", "socket:[700]");
        process(41, "java\n", "net:[1]", "socket:[701]");
        assertEquals(List.of(new Holder(40, "java")), fs().abstractSocketHolders("culvert/udp/1194"));
    }

    private ProcFs fs() {
        return new ProcFs(proc, ByteOrder.LITTLE_ENDIAN, 1);
    }

    private static InetSocketAddress address(String ip, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    private static String line(String local, long inode) {
        return "   1: " + local + " 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 " + inode + " 2 0 0";
    }

    private void table(String name, String... lines) throws IOException {
        Files.createDirectories(proc.resolve("thread-self/net"));
        Files.write(proc.resolve("thread-self/net").resolve(name), List.of(lines), StandardCharsets.ISO_8859_1);
    }

    /** A process whose descriptors 0, 1, ... link to {@code fds}; {@code comm} null for one that cannot be read. */
    private void process(long pid, String comm, String netns, String... fds) throws IOException {
        Path dir = proc.resolve(Long.toString(pid));
        Files.createDirectories(dir.resolve("fd"));
        Files.createDirectories(dir.resolve("fdinfo"));
        Files.createDirectories(dir.resolve("ns"));
        Files.createSymbolicLink(dir.resolve("ns/net"), Path.of(netns));
        if (comm != null) {
            Files.writeString(dir.resolve("comm"), comm, StandardCharsets.ISO_8859_1);
        }
        for (int i = 0; i < fds.length; i++) {
            Files.createSymbolicLink(dir.resolve("fd").resolve(Integer.toString(i)), Path.of(fds[i]));
        }
    }

    private void fdinfo(long pid, int fd, String text) throws IOException {
        Files.writeString(proc.resolve(Long.toString(pid)).resolve("fdinfo").resolve(Integer.toString(fd)), text);
    }
}
