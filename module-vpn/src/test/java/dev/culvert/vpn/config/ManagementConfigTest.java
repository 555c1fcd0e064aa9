package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** options.c's 'management' and 'management-log-cache', with the mistakes an operator makes named at their line. */
class ManagementConfigTest {
    static Optional<ManagementConfig> read(Path dir, String lines) throws Exception {
        Path file = dir.resolve("server.conf");
        Files.writeString(file, lines);
        return ManagementConfig.from(Config.load(file));
    }

    @Test
    void tcpAndUnixWithAPasswordFileRelativeToTheConfiguration(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mgmt.pw"), "s3cret\nignored second line\n");
        ManagementConfig tcp = read(dir, "management 127.0.0.1 7505 mgmt.pw\nmanagement-log-cache 500\n").orElseThrow();
        assertEquals(new InetSocketAddress("127.0.0.1", 7505), tcp.listen().tcp());
        assertEquals(500, tcp.logCache());
        assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), tcp.readPassword());
        ManagementConfig unix = read(dir, "management run/mgmt.sock unix\n").orElseThrow();
        assertEquals(dir.resolve("run/mgmt.sock"), unix.listen().unix());
        assertEquals(ManagementConfig.DEFAULT_LOG_CACHE, unix.logCache());
        assertEquals(null, unix.readPassword());
        assertEquals(Optional.empty(), read(dir, "dev tun\n"));
    }

    @Test
    void mistakesAreNamedAtTheirLine(@TempDir Path dir) {
        ConfigException missing = assertThrows(ConfigException.class, () -> read(dir, "dev tun\nmanagement 127.0.0.1 7505 nope.pw\n"));
        assertTrue(missing.getMessage().contains("server.conf:2") && missing.getMessage().contains("cannot be read"), missing.getMessage());
        ConfigException stdin = assertThrows(ConfigException.class, () -> read(dir, "management 127.0.0.1 7505 stdin\n"));
        assertTrue(stdin.fix().contains("first line of a file"), stdin.getMessage());
        assertThrows(ConfigException.class, () -> read(dir, "management 127.0.0.1 70000\n"));
        assertThrows(ConfigException.class, () -> read(dir, "management 127.0.0.1\n"));
        ConfigException cache = assertThrows(ConfigException.class, () -> read(dir, "management-log-cache 100\n"));
        assertTrue(cache.getMessage().contains("without 'management'"), cache.getMessage());
        assertThrows(ConfigException.class, () -> read(dir, "management 127.0.0.1 7505\nmanagement-log-cache 0\n"));
    }

    @Test
    void clientAuthNeedsTheInterfaceAndIsNotYetCombinedWithScripts(@TempDir Path dir) throws Exception {
        assertTrue(read(dir, "management 127.0.0.1 7505\nmanagement-client-auth\n").orElseThrow().clientAuth());
        assertFalse(read(dir, "management 127.0.0.1 7505\n").orElseThrow().clientAuth());
        ConfigException orphan = assertThrows(ConfigException.class, () -> read(dir, "management-client-auth\n"));
        assertTrue(orphan.getMessage().contains("without 'management'"), orphan.getMessage());
        ConfigException both = assertThrows(ConfigException.class, () -> read(dir,
                "management 127.0.0.1 7505\nmanagement-client-auth\nauth-user-pass-verify /bin/true via-file\n"));
        assertTrue(both.getMessage().contains("server.conf:2") && both.getMessage().contains("auth-user-pass-verify"), both.getMessage());
    }
}
