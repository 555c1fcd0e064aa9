package dev.culvert.vpn.ccd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.route.Prefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigDirTest {
    @Test
    void theFileNamedAsTheCommonNameGivesTheOverrides(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("alice"), """
                # alice's branch office
                ifconfig-push 10.8.0.10 255.255.255.0
                iroute 192.168.20.0 255.255.255.0
                iroute-ipv6 2001:db8:2::1/64
                push "route 192.168.30.0 255.255.255.0"
                push-reset
                """);
        ClientOverrides o = new ClientConfigDir(dir, false).load("alice");
        assertEquals(Optional.of(new IfconfigPush(0x0A08000A, 0xFFFFFF00)), o.ifconfigPush());
        assertEquals(List.of(Prefix.parse("192.168.20.0/24"), Prefix.parse("2001:db8:2::/64")), o.iroutes());
        assertEquals(List.of("route 192.168.30.0 255.255.255.0"), o.push());
        assertTrue(o.pushReset());
        assertFalse(o.disable());
    }

    @Test
    void ifconfigIpv6PushGivesTheClientsIpv6AddressWithItsLengthAndOptionalRemote(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("alice"), "ifconfig-ipv6-push fd00:8::77/64\n");
        Files.writeString(dir.resolve("bob"), "ifconfig-ipv6-push fd00:8::78/64 fd00:8::1\n");
        Files.writeString(dir.resolve("carol"), "ifconfig-ipv6-push fd00:8::79\n");
        var alice = new ClientConfigDir(dir, false).load("alice").ifconfigIpv6Push().orElseThrow();
        assertEquals("fd00:8::77/64", alice.addressWithBits());
        assertEquals(Prefix.parse("fd00:8::77/128"), alice.address());
        assertEquals("fd00:8::1", alice.remoteText(Prefix.parse("fd00:8::1/128")), "without a remote: the server's address");
        var bob = new ClientConfigDir(dir, false).load("bob").ifconfigIpv6Push().orElseThrow();
        assertEquals(Prefix.parse("fd00:8::1/128"), bob.remote());
        ConfigException noLength = assertThrows(ConfigException.class, () -> new ClientConfigDir(dir, false).load("carol"));
        assertTrue(noLength.fix().contains("ifconfig-ipv6-push ADDRESS/BITS"), noLength.getMessage());
    }

    @Test
    void withoutItsOwnFileAClientGetsTheDefaultFileOrNothing(@TempDir Path dir) throws Exception {
        ClientConfigDir ccd = new ClientConfigDir(dir, false);
        assertSame(ClientOverrides.NONE, ccd.load("bob"));
        Files.writeString(dir.resolve("DEFAULT"), "push \"dhcp-option DNS 10.8.0.1\"\n");
        assertEquals(List.of("dhcp-option DNS 10.8.0.1"), ccd.load("bob").push());
        Files.writeString(dir.resolve("carol"), "disable\n");
        assertTrue(ccd.load("carol").disable());
        assertEquals(List.of(), ccd.load("carol").push());
    }

    @Test
    void ccdExclusiveRefusesAClientWithoutItsOwnFileAndTheNameDefault(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("DEFAULT"), "push \"dhcp-option DNS 10.8.0.1\"\n");
        Files.writeString(dir.resolve("alice"), "");
        ClientConfigDir ccd = new ClientConfigDir(dir, true);
        assertEquals(ClientOverrides.NONE, ccd.load("alice"));
        ConfigException bob = assertThrows(ConfigException.class, () -> ccd.load("bob"));
        assertTrue(bob.problem().contains("bob"), bob.getMessage());
        assertTrue(bob.fix().contains(dir.resolve("bob").toString()), bob.getMessage());
        assertThrows(ConfigException.class, () -> ccd.load("DEFAULT"));
    }

    @Test
    void commonNamesThat26WouldRewriteOrThatLeaveTheDirectoryAreRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("ccd"));
        Files.writeString(dir.resolve("secret"), "push \"route 10.0.0.0 255.0.0.0\"\n");
        ClientConfigDir ccd = new ClientConfigDir(dir.resolve("ccd"), false);
        for (String cn : List.of("../secret", "a/b", ".", "..", "", "alice\n", "tab\there", "del\u007f", "x".repeat(65))) {
            ConfigException e = assertThrows(ConfigException.class, () -> ccd.load(cn), cn);
            assertTrue(e.problem().contains("refused"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "the message never carries the raw control characters");
        }
        assertSame(ClientOverrides.NONE, ccd.load("Jürgen Müller"));
        assertSame(ClientOverrides.NONE, ccd.load("back\\slash"));
        assertSame(ClientOverrides.NONE, ccd.load("x".repeat(64)));
    }

    @Test
    void errorsInAClientFileNameTheFileAndLine(@TempDir Path dir) throws Exception {
        ClientConfigDir ccd = new ClientConfigDir(dir, false);
        Files.writeString(dir.resolve("a"), "iroute 192.168.20.0 255.255.255.0\nifconfig-push 10.8.0.10 255.255.255.0 10.8.0.11\n");
        ConfigException alias = assertThrows(ConfigException.class, () -> ccd.load("a"));
        assertEquals(dir.resolve("a") + ":2", alias.where());
        Files.writeString(dir.resolve("b"), "\n\nclient-connect ./x.sh\n");
        ConfigException unknown = assertThrows(ConfigException.class, () -> ccd.load("b"));
        assertEquals(dir.resolve("b") + ":3", unknown.where());
        assertTrue(unknown.problem().contains("'client-connect'"), unknown.getMessage());
        Files.writeString(dir.resolve("c"), "iroute 192.168.20.1 255.255.255.0\n");
        ConfigException hostBits = assertThrows(ConfigException.class, () -> ccd.load("c"));
        assertTrue(hostBits.fix().contains("iroute 192.168.20.0 255.255.255.0"), hostBits.getMessage());
        Files.writeString(dir.resolve("d"), "ifconfig-push vpn.example 255.255.255.0\n");
        assertThrows(ConfigException.class, () -> ccd.load("d"));
        Files.writeString(dir.resolve("e"), "push \"a,b\"\n");
        assertEquals(dir.resolve("e") + ":1", assertThrows(ConfigException.class, () -> ccd.load("e")).where());
    }
}
