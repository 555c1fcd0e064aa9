package dev.culvert.vpn.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusFileTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String TITLE = "OpenVPN 2.6 compatible Culvert test";
    /** 2025-03-14 15:09:26 UTC. */
    private static final long NOW = 1741964966L;

    @TempDir
    Path dir;

    private static InetSocketAddress real(String ip, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    private static List<ClientStatus> clients() throws IOException {
        return List.of(
                new ClientStatus("alice", real("198.51.100.7", 50123), "10.8.0.2", "fd00:8::1000", 12345, 67890,
                        1741957200L, "UNDEF", 0, 0, "AES-256-GCM"),
                new ClientStatus("bob", real("2001:db8:0:0:0:0:0:42", 1194), "10.8.0.3", null, 1L << 40, 5,
                        1741964881L, "bob@example.org", 7, 1, "CHACHA20-POLY1305"));
    }

    private static List<RouteStatus> routes() throws IOException {
        return List.of(
                new RouteStatus("10.8.0.2", "alice", real("198.51.100.7", 50123), 1741964960L),
                new RouteStatus("192.168.77.0/24", "bob", real("2001:db8::42", 1194), 1741964881L));
    }

    @Test
    void version1() throws IOException {
        assertEquals("""
                OpenVPN CLIENT LIST
                Updated,2025-03-14 15:09:26
                Common Name,Real Address,Bytes Received,Bytes Sent,Connected Since
                alice,198.51.100.7:50123,12345,67890,2025-03-14 13:00:00
                bob,2001:db8::42,1099511627776,5,2025-03-14 15:08:01
                ROUTING TABLE
                Virtual Address,Common Name,Real Address,Last Ref
                10.8.0.2,alice,198.51.100.7:50123,2025-03-14 15:09:20
                192.168.77.0/24,bob,2001:db8::42,2025-03-14 15:08:01
                GLOBAL STATS
                Max bcast/mcast queue length,0
                END
                """, StatusFile.render(1, NOW, clients(), routes(), TITLE, UTC));
    }

    @Test
    void version2() throws IOException {
        assertEquals("""
                TITLE,OpenVPN 2.6 compatible Culvert test
                TIME,2025-03-14 15:09:26,1741964966
                HEADER,CLIENT_LIST,Common Name,Real Address,Virtual Address,Virtual IPv6 Address,Bytes Received,Bytes Sent,\
                Connected Since,Connected Since (time_t),Username,Client ID,Peer ID,Data Channel Cipher
                CLIENT_LIST,alice,198.51.100.7:50123,10.8.0.2,fd00:8::1000,12345,67890,2025-03-14 13:00:00,1741957200,UNDEF,0,0,AES-256-GCM
                CLIENT_LIST,bob,2001:db8::42,10.8.0.3,,1099511627776,5,2025-03-14 15:08:01,1741964881,bob@example.org,7,1,CHACHA20-POLY1305
                HEADER,ROUTING_TABLE,Virtual Address,Common Name,Real Address,Last Ref,Last Ref (time_t)
                ROUTING_TABLE,10.8.0.2,alice,198.51.100.7:50123,2025-03-14 15:09:20,1741964960
                ROUTING_TABLE,192.168.77.0/24,bob,2001:db8::42,2025-03-14 15:08:01,1741964881
                GLOBAL_STATS,Max bcast/mcast queue length,0
                GLOBAL_STATS,dco_enabled,0
                END
                """, StatusFile.render(2, NOW, clients(), routes(), TITLE, UTC));
    }

    @Test
    void version3() throws IOException {
        String expected = """
                TITLE\tOpenVPN 2.6 compatible Culvert test
                TIME\t2025-03-14 15:09:26\t1741964966
                HEADER\tCLIENT_LIST\tCommon Name\tReal Address\tVirtual Address\tVirtual IPv6 Address\tBytes Received\tBytes Sent\t\
                Connected Since\tConnected Since (time_t)\tUsername\tClient ID\tPeer ID\tData Channel Cipher
                CLIENT_LIST\talice\t198.51.100.7:50123\t10.8.0.2\tfd00:8::1000\t12345\t67890\t2025-03-14 13:00:00\t1741957200\tUNDEF\t0\t0\tAES-256-GCM
                CLIENT_LIST\tbob\t2001:db8::42\t10.8.0.3\t\t1099511627776\t5\t2025-03-14 15:08:01\t1741964881\tbob@example.org\t7\t1\tCHACHA20-POLY1305
                HEADER\tROUTING_TABLE\tVirtual Address\tCommon Name\tReal Address\tLast Ref\tLast Ref (time_t)
                ROUTING_TABLE\t10.8.0.2\talice\t198.51.100.7:50123\t2025-03-14 15:09:20\t1741964960
                ROUTING_TABLE\t192.168.77.0/24\tbob\t2001:db8::42\t2025-03-14 15:08:01\t1741964881
                GLOBAL_STATS\tMax bcast/mcast queue length\t0
                GLOBAL_STATS\tdco_enabled\t0
                END
                """;
        assertEquals(expected, StatusFile.render(3, NOW, clients(), routes(), TITLE, UTC));
    }

    @Test
    void anEmptyServer() {
        assertEquals("""
                OpenVPN CLIENT LIST
                Updated,2025-03-14 15:09:26
                Common Name,Real Address,Bytes Received,Bytes Sent,Connected Since
                ROUTING TABLE
                Virtual Address,Common Name,Real Address,Last Ref
                GLOBAL STATS
                Max bcast/mcast queue length,0
                END
                """, StatusFile.render(1, NOW, List.of(), List.of(), TITLE, UTC));
    }

    @Test
    void timesAreLocalTime() {
        String text = StatusFile.render(2, NOW, List.of(), List.of(), TITLE, ZoneId.of("Europe/Berlin"));
        assertTrue(text.contains("\nTIME,2025-03-14 16:09:26,1741964966\n"), text);
    }

    @Test
    void epochSecondsAreTheLow32BitsAndCountersUnsignedAsIn26() throws IOException {
        ClientStatus c = new ClientStatus("c", real("192.0.2.1", 1), "", "", -1L, 0, 1741957200L, null, -1L, -1, "AES-128-GCM");
        String text = StatusFile.render(2, NOW, List.of(c), List.of(), TITLE, UTC);
        assertTrue(text.contains("\nCLIENT_LIST,c,192.0.2.1:1,,,18446744073709551615,0,2025-03-14 13:00:00,1741957200,UNDEF,"
                + "18446744073709551615,4294967295,AES-128-GCM\n"), text);
    }

    @Test
    void ipv4MappedRealAddressesPrintAsIpv4WithPort() throws IOException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 203;
        mapped[15] = 9;
        InetAddress address = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertEquals("203.0.0.9:443", StatusFile.realAddress(new InetSocketAddress(address, 443)));
    }

    @Test
    void aPeerChosenNameCannotAddALineOrAColumn() throws IOException {
        ClientStatus evil = new ClientStatus("evil\nCLIENT_LIST\tx", real("192.0.2.1", 1), "10.8.0.9", "", 0, 0, NOW, "u\r", 0, 0, "x");
        String text = StatusFile.render(3, NOW, List.of(evil), List.of(), TITLE, UTC);
        assertTrue(text.contains("\nCLIENT_LIST\tevil_CLIENT_LIST_x\t192.0.2.1:1\t"), text);
        assertEquals(8, text.lines().count());
    }

    @Test
    void otherVersionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StatusFile.render(4, NOW, List.of(), List.of(), TITLE, UTC));
        assertThrows(IllegalArgumentException.class, () -> StatusFile.render(0, NOW, List.of(), List.of()));
    }

    @Test
    void theDefaultTitleNamesTheProtocolVersion() {
        assertTrue(StatusFile.render(2, NOW, List.of(), List.of()).startsWith("TITLE,OpenVPN 2.6 compatible Culvert"));
    }

    @Test
    void writeReplacesTheFileWholeAndKeepsItsPermissions() throws IOException {
        Path file = dir.resolve("openvpn-status.log");
        Files.writeString(file, "old and longer content than the new one\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        StatusFile.write(file, "END\n");
        assertEquals("END\n", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList());
        }
        Path fresh = dir.resolve("new-status.log");
        StatusFile.write(fresh, "x\n");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }
}
