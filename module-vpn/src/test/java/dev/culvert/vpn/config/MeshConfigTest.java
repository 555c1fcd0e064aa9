package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.DirectiveHandler;
import dev.culvert.spi.route.Prefix;
import dev.culvert.vpn.mesh.TlsTieBreak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A mesh node's configuration: who it is, what it owns, its peers, and the lines it refuses. */
class MeshConfigTest {
    private static final List<DirectiveHandler> HANDLERS;

    static {
        List<DirectiveHandler> all = new ArrayList<>(ServerConfigTest.HANDLERS);
        all.add(new MeshDirectives());
        HANDLERS = List.copyOf(all);
    }

    private static Config config(String text) throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + "dev tun\n" + text, "mesh.conf");
        List<ConfigException> problems = config.validate(HANDLERS);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return config;
    }

    /** The demo certificate's common name, as the refusal of a configuration without this node's line names it. */
    private static String ownName() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> MeshConfig.from(config("culvert-mesh-peer zz 192.0.2.9:1194 10.9.0.0/24\n")));
        Matcher m = Pattern.compile("common name is '([^']+)'").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        assertTrue(e.getMessage().contains("add 'culvert-mesh-peer " + m.group(1) + " HOST:PORT"), e.getMessage());
        return m.group(1);
    }

    @Test
    void aNodeFindsItsOwnLineByItsCertificatesNameAndTheOthersAreItsPeers(@TempDir Path dir) throws Exception {
        String self = ownName();
        Path peers = dir.resolve("peers");
        Files.writeString(peers, "# the whole mesh\nculvert-mesh-peer " + self + " 192.0.2.1:1200 10.99.0.1/32 192.168.1.0/24\n"
                + "culvert-mesh-peer b 192.0.2.2:1194 192.168.2.0/24\n");
        MeshConfig c = MeshConfig.from(config("culvert-mesh-peers " + peers + "\nculvert-mesh-peer leaf * 10.99.0.101/32\n"
                + "ifconfig 10.99.0.1 255.255.255.0\nkeepalive 2 10\n"));
        assertEquals(self, c.ownName());
        assertEquals(List.of(Prefix.parse("10.99.0.1/32"), Prefix.parse("192.168.1.0/24")), c.self().prefixes());
        assertEquals(1200, c.listener().local().getPort(), "the node listens on its own line's port");
        assertEquals(List.of("leaf"), c.configuredPeers().stream().map(p -> p.name()).toList(), "the configuration's own peer lines");
        assertEquals(Prefix.parse("10.99.0.0/24"), c.ifconfig().orElseThrow());
        assertEquals(2, c.pingSeconds());
        assertEquals(10, c.pingRestartSeconds());
    }

    @Test
    void withoutKeepaliveAMeshStillNoticesADeadPeer() throws Exception {
        MeshConfig c = MeshConfig.from(config("culvert-mesh-peer " + ownName() + " 192.0.2.1:1194 192.168.1.0/24\n"));
        assertEquals(MeshConfig.DEFAULT_PING, c.pingSeconds());
        assertEquals(MeshConfig.DEFAULT_PING_RESTART, c.pingRestartSeconds());
    }

    @Test
    void theTunnelAddressMustBeOneThePeersAcceptFromThisNode() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> MeshConfig.from(config("culvert-mesh-peer " + ownName()
                + " 192.0.2.1:1194 192.168.1.0/24\nifconfig 10.99.0.1 255.255.255.0\n")));
        assertTrue(e.getMessage().contains("not in a network this node owns"), e.getMessage());
        assertTrue(e.getMessage().contains("10.99.0.1/32"), "the fix names the prefix to add: " + e.getMessage());
    }

    @Test
    void thisNodeListensSoItsOwnLineNeedsAnAddress() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> MeshConfig.from(config("culvert-mesh-peer " + ownName() + " * 192.168.1.0/24\n")));
        assertTrue(e.getMessage().contains("a Culvert mesh node listens"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"server 10.8.0.0 255.255.255.0", "tls-server", "client", "remote 192.0.2.5", "port 1195", "route 10.1.0.0 255.255.0.0",
            "remote-cert-tls client", "key-direction 0", "comp-lzo no", "push \"route 10.0.0.0 255.0.0.0\"", "client-to-client", "proto tcp-server"})
    void aLineThatAssumesAnotherRoleOrOneTlsRoleIsRefusedWithTheFix(String line) throws Exception {
        String name = ownName();
        ConfigException e = assertThrows(ConfigException.class, () -> MeshConfig.from(config("culvert-mesh-peer " + name
                + " 192.0.2.1:1194 192.168.1.0/24\n" + line + "\n")));
        assertTrue(e.getMessage().contains("mesh.conf:"), "names the file and line: " + e.getMessage());
        assertFalse(e.fix() == null || e.fix().isBlank(), "says the fix: " + e.getMessage());
    }

    @Test
    void meshLinesMakeTheConfigurationTheMeshRolesAndNoOtherRolesTakeIt() throws Exception {
        Config c = config("culvert-mesh-peer " + ownName() + " 192.0.2.1:1194 192.168.1.0/24\ntls-server\n");
        assertTrue(MeshConfig.isMesh(c));
        assertFalse(PeerToPeerConfig.isPointToPoint(c), "tls-server with mesh lines is a mesh node's line to refuse, not a p2p peer");
    }

    @Test
    void aSessionTowardsAPeerPlaysTheSideTheTieBreakGave() throws Exception {
        MeshConfig c = MeshConfig.from(config("culvert-mesh-peer " + ownName() + " 192.0.2.1:1194 192.168.1.0/24\n"));
        var tls = new dev.culvert.ssl.bc.BcTlsProvider();
        var aead = new dev.culvert.core.aead.JceAeadProvider();
        assertEquals(dev.culvert.vpn.keys.Role.SERVER,
                c.sessionSettings(TlsTieBreak.Side.SERVES, tls, aead, new java.security.SecureRandom(), "2.6.14").role());
        assertEquals(dev.culvert.vpn.keys.Role.CLIENT,
                c.sessionSettings(TlsTieBreak.Side.INITIATES, tls, aead, new java.security.SecureRandom(), "2.6.14").role());
    }
}
