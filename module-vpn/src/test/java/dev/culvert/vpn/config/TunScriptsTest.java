package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** up, down and route-up as options.c takes them: checked from script-security 2, kept but not run below it. */
class TunScriptsTest {
    @TempDir
    Path dir;

    private TunScripts read(String lines) throws Exception {
        Path file = dir.resolve("client.conf");
        Files.writeString(file, lines);
        return TunScripts.from(Config.load(file));
    }

    @Test
    void fromScriptSecurity2EachScriptIsResolvedAndMustBeExecutable() throws Exception {
        Path script = dir.resolve("dns.sh");
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        TunScripts s = read("script-security 2\nup \"dns.sh up\"\ndown dns.sh\nroute-up dns.sh\n");
        assertTrue(s.allowed());
        assertEquals(List.of(script.toString(), "up"), s.up().orElseThrow().words());
        assertNull(s.notRunWarning());
        ConfigException missing = assertThrows(ConfigException.class, () -> read("script-security 2\nup ./home.up\n"));
        assertTrue(missing.getMessage().contains("client.conf:2") && missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void belowScriptSecurity2TheyAreKeptNotRunAndWarnedAboutAs26Does() throws Exception {
        TunScripts s = read("up ./home.up\n");
        assertFalse(s.allowed());
        assertTrue(s.up().isPresent(), "kept, and not checked: 2.6 accepts the line");
        assertTrue(s.notRunWarning().contains("--script-security 2"), s.notRunWarning());
        assertNull(read("dev tun\n").notRunWarning());
    }

    @Test
    void aPointToPointPeerTakesThemToo() throws Exception {
        PeerToPeerConfig p2p = PeerToPeerConfig.from(Config.of(
                ServerFiles.inlinePki() + "dev tun\ntls-server\nifconfig 10.4.0.1 10.4.0.2\nup ./x.sh\n", "p.conf"));
        assertTrue(p2p.tunScripts().up().isPresent());
        assertFalse(p2p.tunScripts().allowed());
    }

    @Test
    void aServerRefusesIpchangeAs26Does() {
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.from(Config.of(
                ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\nipchange ./x.sh\n", "s.conf")));
        assertTrue(e.getMessage().contains("--ipchange cannot be used with --mode server"), e.getMessage());
        assertTrue(e.fix().contains("client-connect"), e.fix());
    }

    @Test
    void routePreDownIsReadLikeTheOthersAndAWrongLineNamesItsFileLineAndFix() throws Exception {
        Path script = dir.resolve("before-routes-go.sh");
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        TunScripts s = read("script-security 2\nroute-pre-down \"before-routes-go.sh --quiet\"\n");
        assertEquals(List.of(script.toString(), "--quiet"), s.routePreDown().orElseThrow().words());
        ConfigException missing = assertThrows(ConfigException.class, () -> read("script-security 2\nroute-pre-down ./gone.sh\n"));
        assertTrue(missing.getMessage().contains("client.conf:2") && missing.getMessage().contains("does not exist"), missing.getMessage());
        ConfigException twoArguments = assertThrows(ConfigException.class, () -> read("route-pre-down a.sh b\n"));
        assertTrue(twoArguments.getMessage().contains("client.conf:1"), twoArguments.getMessage());
        assertTrue(twoArguments.fix().contains("route-pre-down SCRIPT"), twoArguments.fix());
        assertTrue(read("route-pre-down ./x.sh\n").notRunWarning().contains("route-pre-down"), "below level 2: kept, not run, warned");
    }
}
