package dev.culvert.vpn.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.culvert.routing.ClientServerRouter;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.route.Prefix;
import dev.culvert.spi.route.RouteTable;
import dev.culvert.spi.route.Router;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node A owns 192.168.1.0/24; peer B (session 7) owns 192.168.2.0/24 and 10.9.0.2. */
class MeshRoutesTest {
    private final RouteTable table = new ClientServerRouter().table();
    private final MeshRoutes routes = new MeshRoutes(() -> table);
    private final MeshPeer b;

    MeshRoutesTest() throws ConfigException {
        b = MeshPeerLine.parse("t:1", List.of("node-b", "192.0.2.2:1194", "192.168.2.0/24", "10.9.0.2"));
    }

    private static Prefix p(String text) {
        return Prefix.parse(text);
    }

    @Test
    void ownNetworksAreLocalAndALivePeersGoToItsSession() {
        routes.owns(List.of(p("192.168.1.0/24")));
        routes.up(7, b);
        assertEquals(Map.of(p("192.168.1.0/24"), Router.LOCAL, p("192.168.2.0/24"), 7L, p("10.9.0.2/32"), 7L), table.entries());
    }

    @Test
    void aDeadPeersNetworksBecomeBlackHolesAndARejoinTakesThemBack() {
        routes.up(7, b);
        routes.down(7, b);
        assertEquals(Map.of(p("192.168.2.0/24"), Router.UNREACHABLE, p("10.9.0.2/32"), Router.UNREACHABLE), table.entries());
        routes.up(9, b);
        assertEquals(Map.of(p("192.168.2.0/24"), 9L, p("10.9.0.2/32"), 9L), table.entries(), "the new session's handle");
    }

    @Test
    void aRemovedPeerLeavesNothingBehind() {
        routes.owns(List.of(p("192.168.1.0/24")));
        routes.up(7, b);
        routes.removed(7, b);
        assertEquals(Map.of(p("192.168.1.0/24"), Router.LOCAL), table.entries());
    }

    @Test
    void changedNetworksReplaceTheOldOnesOfALivePeer() throws ConfigException {
        routes.up(7, b);
        routes.up(7, MeshPeerLine.parse("t:1", List.of("node-b", "192.0.2.2:1194", "192.168.22.0/24")));
        assertEquals(Map.of(p("192.168.22.0/24"), 7L), table.entries());
    }
}
