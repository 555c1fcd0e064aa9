package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.core.slot.SlotRegistry;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.node.NodeRole;
import dev.culvert.testing.pki.TestPki;
import dev.culvert.vpn.server.VpnServerRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --check} asks the role that runs a configuration to read it as its start would
 * ({@link NodeRole#check}): what start refuses for a configuration reason, check refuses first,
 * with start's own message (file, line, fix), and a configuration check passes is one whose
 * start gets past reading it. Each role here reads its configuration before it opens anything,
 * so start is called on a registry with no device or transport at all.
 */
class RoleCheckTest {
    private static final String CLIENT = "client\nremote 192.0.2.1\nca ca.crt\ncert client.crt\nkey client.key\n";
    private static final String SERVER = "server 10.8.0.0 255.255.255.0\ndev tun\nca ca.crt\ncert server.crt\nkey server.key\ndh none\n";
    private static final String PEER = "tls-server\ndev tun\nifconfig 10.8.0.1 10.8.0.2\nca ca.crt\ncert server.crt\nkey server.key\ndh none\n";

    @TempDir
    Path dir;

    @BeforeEach
    void pki() throws Exception {
        TestPki.Issued ca = TestPki.ca("role-check-ca");
        Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
        TestPki.leaf(ca, "server", TestPki.Usage.SERVER).write(dir.resolve("server.crt"), dir.resolve("server.key"));
        TestPki.leaf(ca, "client", TestPki.Usage.CLIENT).write(dir.resolve("client.crt"), dir.resolve("client.key"));
        Files.writeString(dir.resolve("garbage.key"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "client | ifconfig 10.8.0.1 10.8.0.2        | 6 | ifconfig",
        "client | max-clients 10                    | 6 | max-clients",
        "client | ca missing.crt                    | 6 | ca",
        "client | key garbage.key                   | 6 | key",
        "server | ca missing.crt                    | 7 | ca",
        "server | key garbage.key                   | 7 | key",
        "server | compress snappy\\nallow-compression no | 7 | compress",
        "peer   | cert missing.crt                  | 8 | cert",
    })
    void whatStartRefusesCheckRefusesWithStartsMessage(String role, String line, int lineNumber, String named) throws Exception {
        Config config = config(role, line);
        NodeRole taking = roleFor(role);
        ConfigException checked = assertThrows(ConfigException.class, () -> taking.check(config, new SlotRegistry()));
        ConfigException started = assertThrows(ConfigException.class, () -> taking.start(config, new SlotRegistry()).close());
        assertEquals(started.getMessage(), checked.getMessage());
        assertTrue(checked.getMessage().startsWith(dir.resolve("node.conf") + ":" + lineNumber + ": "), checked.getMessage());
        assertTrue(checked.getMessage().contains(named) && checked.getMessage().contains("; "),
                "names the directive and the fix: " + checked.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"client", "server", "peer"})
    void aConfigurationStartReadsWithoutObjectionPassesCheck(String role) throws Exception {
        roleFor(role).check(config(role, "verb 3"), new SlotRegistry());
    }

    private Config config(String role, String line) throws Exception {
        String base = switch (role) {
            case "client" -> CLIENT;
            case "server" -> SERVER;
            default -> PEER;
        };
        Path file = dir.resolve("node.conf");
        Files.writeString(file, base + line.replace("\\n", "\n") + "\n");
        Config config = Config.load(file);
        assertEquals(List.of(roleFor(role).name()), List.of(new VpnClientRole(), new VpnServerRole(), new VpnPeerToPeerRole())
                .stream().filter(r -> r.accepts(config)).map(NodeRole::name).toList(), "the configuration is the role's");
        return config;
    }

    private static NodeRole roleFor(String role) {
        return switch (role) {
            case "client" -> new VpnClientRole();
            case "server" -> new VpnServerRole();
            default -> new VpnPeerToPeerRole();
        };
    }
}
