package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitTimersTest {
    private static ExitTimers of(String lines) throws Exception {
        return ExitTimers.from(Config.of(lines, "c.conf"));
    }

    @Test
    void noneByDefault() throws Exception {
        assertEquals(ExitTimers.NONE, of("client\n"));
    }

    @Test
    void pingExitAndPingRestartShareOneTimerAndTheLaterLineDecides() throws Exception {
        assertEquals(30, of("ping 5\nping-exit 30\n").pingExitSeconds());
        assertEquals(30, of("ping-restart 60\nping-exit 30\n").pingExitSeconds());
        assertEquals(0, of("ping-exit 30\nping-restart 60\n").pingExitSeconds(), "a later ping-restart restarts instead");
    }

    @Test
    void keepaliveConflictsWithPingExitAsIn26() {
        ConfigException e = assertThrows(ConfigException.class, () -> of("keepalive 10 60\nping-exit 30\n"));
        assertEquals("c.conf:2", e.where());
        assertTrue(e.problem().contains("--keepalive conflicts"), e.getMessage());
    }

    @Test
    void sessionTimeoutTakesSeconds() throws Exception {
        assertEquals(new ExitTimers(0, 0, 0, false, 3600), of("session-timeout 3600\n"));
    }

    @Test
    void tlsExitIsAFlagWithoutArguments() throws Exception {
        assertEquals(new ExitTimers(0, 0, 0, true), of("tls-exit\n"));
        assertEquals(false, of("inactive 5\n").tlsExit());
        assertEquals(1, Config.of("tls-exit now\n", "c.conf").validate(List.of(new VpnDirectives())).size());
    }

    @Test
    void inactiveTakesSecondsAndOptionalBytes() throws Exception {
        assertEquals(new ExitTimers(0, 600, 0), of("inactive 600\n"));
        assertEquals(new ExitTimers(0, 3600, 10_000_000), of("inactive 3600 10000000\n"));
        VpnDirectives handler = new VpnDirectives();
        for (String bad : List.of("inactive\n", "inactive x\n", "inactive 5 many\n", "inactive 1 2 3\n", "ping-exit -1\n")) {
            assertEquals(1, Config.of(bad, "c.conf").validate(List.of(handler)).size(), bad);
        }
    }

    @Test
    void aServerAndAPointToPointPeerRefuseThemAsNotImplementedThere() {
        for (String name : List.of("ping-exit 30", "inactive 600", "session-timeout 60", "dns search-domains example.net")) {
            ConfigException server = assertThrows(ConfigException.class, () -> ServerConfig.from(Config.of(
                    ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\n" + name + "\n", "s.conf")));
            assertTrue(server.problem().contains("not implemented for a Culvert server"), server.getMessage());
            ConfigException p2p = assertThrows(ConfigException.class, () -> PeerToPeerConfig.from(Config.of(
                    "tls-client\nremote 192.0.2.1\ndev tun\n" + name + "\n", "p.conf")));
            assertTrue(p2p.problem().contains("not implemented for a Culvert point-to-point peer"), p2p.getMessage());
        }
    }
}
