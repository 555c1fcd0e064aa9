package dev.culvert.vpn.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.route.Prefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshPeersFileTest {
    @TempDir
    Path dir;

    private MeshPeersFile file(String text) throws IOException {
        Path p = dir.resolve("peers");
        Files.writeString(p, text);
        return new MeshPeersFile(p);
    }

    private static List<String> names(List<MeshPeer> peers) {
        return peers.stream().map(MeshPeer::name).toList();
    }

    @Test
    void theFirstReadAddsEveryPeer() throws Exception {
        MeshPeersFile f = file("# the mesh\nculvert-mesh-peer node-b 192.0.2.2:1194 192.168.2.0/24\n\n"
                + "; a leaf\nculvert-mesh-peer laptop * 10.9.0.50\n");
        PeerChanges c = f.reload().orElseThrow();
        assertEquals(List.of("node-b", "laptop"), names(c.added()));
        assertEquals(List.of("node-b", "laptop"), names(f.peers()));
    }

    @Test
    void anUnchangedFileChangesNothing() throws Exception {
        MeshPeersFile f = file("culvert-mesh-peer node-b 192.0.2.2:1194 192.168.2.0/24\n");
        f.reload();
        assertTrue(f.reload().isEmpty());
    }

    @Test
    void aRereadReportsOnlyThePeersThatChanged() throws Exception {
        MeshPeersFile f = file("culvert-mesh-peer node-b 192.0.2.2:1194 192.168.2.0/24\n"
                + "culvert-mesh-peer node-c 192.0.2.3:1194 192.168.3.0/24\n"
                + "culvert-mesh-peer node-d 192.0.2.4:1194 192.168.4.0/24\n");
        f.reload();
        Files.writeString(f.path(), "culvert-mesh-peer node-b 192.0.2.2:1194 192.168.2.0/24\n"
                + "culvert-mesh-peer node-c 192.0.2.3:1194 192.168.3.0/24 192.168.33.0/24\n"
                + "culvert-mesh-peer node-e 192.0.2.5:1194 192.168.5.0/24\n");
        PeerChanges c = f.reload().orElseThrow();
        assertEquals(List.of("node-e"), names(c.added()));
        assertEquals(List.of("node-d"), names(c.removed()));
        assertEquals(List.of("node-c"), names(c.changed()), "node-b is left alone");
        assertEquals(List.of(Prefix.parse("192.168.3.0/24"), Prefix.parse("192.168.33.0/24")), c.changed().get(0).prefixes());
    }

    @Test
    void aBadRereadKeepsTheLastGoodPeersAndNamesTheLine() throws Exception {
        MeshPeersFile f = file("culvert-mesh-peer node-b 192.0.2.2:1194 192.168.2.0/24\n");
        f.reload();
        Files.writeString(f.path(), "culvert-mesh-peer node-b 192.0.2.2:1194 192.168.2.0/24\nculvert-mesh-peer node-c 192.0.2.3\n");
        ConfigException e = assertThrows(ConfigException.class, f::reload);
        assertEquals(f.path() + ":2", e.where());
        assertEquals(List.of("node-b"), names(f.peers()));
    }

    @Test
    void aPeersFileHoldsOnlyPeerLinesEachNameOnce() {
        ConfigException other = assertThrows(ConfigException.class, () -> MeshPeersFile.parse("p", "\nremote 1.2.3.4\n"));
        assertEquals("p:2", other.where());
        ConfigException twice = assertThrows(ConfigException.class, () -> MeshPeersFile.parse("p",
                "culvert-mesh-peer b 192.0.2.2:1 10.2.0.0/16\nculvert-mesh-peer b 192.0.2.3:1 10.3.0.0/16"));
        assertTrue(twice.getMessage().contains("declared twice"));
    }

    @Test
    void aMissingFileIsRefusedWithTheFix() {
        MeshPeersFile f = new MeshPeersFile(dir.resolve("absent"));
        ConfigException e = assertThrows(ConfigException.class, f::reload);
        assertTrue(e.getMessage().contains("cannot read the peers file"), e.getMessage());
    }
}
