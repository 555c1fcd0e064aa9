package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'culvert-metrics IP PORT': read on a server, refused elsewhere, every mistake named at its line. */
class MetricsConfigTest {
    static Config write(Path dir, String lines) throws Exception {
        Path file = dir.resolve("server.conf");
        Files.writeString(file, lines);
        return Config.load(file);
    }

    @Test
    void anAddressAndAPortRememberingTheirLine(@TempDir Path dir) throws Exception {
        MetricsConfig m = MetricsConfig.from(write(dir, "dev tun\nculvert-metrics 127.0.0.1 9176\n")).orElseThrow();
        assertEquals(new InetSocketAddress("127.0.0.1", 9176), m.listen());
        assertEquals(dir.resolve("server.conf") + ":2", m.where());
        assertEquals(Optional.empty(), MetricsConfig.from(write(dir, "dev tun\n")));
    }

    @Test
    void aPortThatCannotBeBoundIsReportedAtTheLine(@TempDir Path dir) throws Exception {
        MetricsConfig m = MetricsConfig.from(write(dir, "\nculvert-metrics ::1 9176\n")).orElseThrow();
        ConfigException e = m.cannotListen("Address already in use");
        assertEquals(dir.resolve("server.conf") + ":2", e.where());
        assertTrue(e.problem().contains("port 9176: Address already in use"), e.problem());
        assertTrue(e.fix().contains("another address or port"), e.fix());
    }

    @Test
    void mistakesAreNamedAtTheirLine(@TempDir Path dir) {
        ConfigException port = assertThrows(ConfigException.class, () -> MetricsConfig.from(write(dir, "dev tun\nculvert-metrics 127.0.0.1 70000\n")));
        assertTrue(port.getMessage().contains("server.conf:2") && port.getMessage().contains("out of range"), port.getMessage());
        ConfigException arguments = assertThrows(ConfigException.class, () -> MetricsConfig.from(write(dir, "culvert-metrics 9176\n")));
        assertTrue(arguments.fix().contains(MetricsConfig.USAGE), arguments.getMessage());
        assertThrows(ConfigException.class, () -> MetricsConfig.from(write(dir, "culvert-metrics not-an-address.invalid 9176\n")));
    }

    @Test
    void aClientAPointToPointPeerOrAMeshNodeRefusesItAsNotImplementedThere(@TempDir Path dir) {
        ConfigException client = assertThrows(ConfigException.class, () -> ClientConfig.from(write(dir, "client\nculvert-metrics 127.0.0.1 9176\n")));
        assertTrue(client.getMessage().contains(":2") && client.getMessage().contains("not implemented for a Culvert client"), client.getMessage());
        ConfigException peer = assertThrows(ConfigException.class,
                () -> PeerToPeerConfig.from(write(dir, "tls-server\nculvert-metrics 127.0.0.1 9176\n")));
        assertTrue(peer.getMessage().contains("not implemented for a Culvert point-to-point peer"), peer.getMessage());
        ConfigException mesh = assertThrows(ConfigException.class,
                () -> MeshRefusals.check(new Directive(MetricsConfig.NAME, List.of("127.0.0.1", "9176"), "mesh.conf", 3, false)));
        assertTrue(mesh.getMessage().startsWith("mesh.conf:3: 'culvert-metrics' is not implemented for a mesh node"), mesh.getMessage());
    }
}
