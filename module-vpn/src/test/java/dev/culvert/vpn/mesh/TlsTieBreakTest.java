package dev.culvert.vpn.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.vpn.mesh.TlsTieBreak.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that makes exactly one side of each pair the TLS server. */
class TlsTieBreakTest {
    private static MeshPeer node(String name) throws ConfigException {
        return MeshPeerLine.parse("t:1", List.of(name, "192.0.2.9:1194", "10.0.0.0/8"));
    }

    @Test
    void theNodeWhoseNameSortsLowerServesTheOtherInitiates() throws ConfigException {
        assertEquals(Side.SERVES, TlsTieBreak.side("node-a", node("node-b"), "t:1"));
        assertEquals(Side.INITIATES, TlsTieBreak.side("node-b", node("node-a"), "t:1"));
    }

    @Test
    void everyPairOfAFourNodeMeshHasExactlyOneServer() throws ConfigException {
        List<String> names = List.of("node-d", "Node-C", "node-a", "node-b");
        for (String x : names) {
            for (String y : names) {
                if (!x.equals(y)) {
                    Side xs = TlsTieBreak.side(x, node(y), "t:1");
                    Side ys = TlsTieBreak.side(y, node(x), "t:1");
                    assertTrue(xs != ys, x + " and " + y + " must take opposite sides");
                }
            }
        }
    }

    @Test
    void theOrderIsByCodeUnitSoUpperCaseSortsFirst() throws ConfigException {
        assertEquals(Side.SERVES, TlsTieBreak.side("Zulu", node("alpha"), "t:1"));
    }

    @Test
    void aLeafAlwaysInitiatesSoANodeServesIt() throws ConfigException {
        MeshPeer leaf = MeshPeerLine.parse("t:2", List.of("aaa", "*", "10.9.0.50"));
        assertEquals(Side.SERVES, TlsTieBreak.side("zzz", leaf, "t:2"), "even though its name sorts lower");
    }

    @Test
    void aPeerWithThisNodesOwnNameIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> TlsTieBreak.side("node-a", node("node-a"), "mesh.conf:3"));
        assertEquals("mesh.conf:3", e.where());
    }
}
