package dev.culvert.vpn.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.route.Prefix;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeshPeerLineTest {
    private static MeshPeer parse(String words) throws ConfigException {
        return MeshPeerLine.parse("mesh.conf:7", List.of(words.split(" ")));
    }

    private static ConfigException refused(String words) {
        return assertThrows(ConfigException.class, () -> parse(words));
    }

    @Test
    void aNodeHasANameAnAddressAndItsNetworks() throws ConfigException {
        MeshPeer b = parse("node-b 192.0.2.2:1194 192.168.2.0/24 2001:db8:2::/48");
        assertEquals("node-b", b.name());
        assertEquals(Optional.of("192.0.2.2"), b.host());
        assertEquals(1194, b.port());
        assertEquals(List.of(Prefix.parse("192.168.2.0/24"), Prefix.parse("2001:db8:2::/48")), b.prefixes());
        assertFalse(b.leaf());
        assertEquals("192.0.2.2:1194", b.endpoint());
    }

    @Test
    void anIpv6AddressGoesInBrackets() throws ConfigException {
        MeshPeer b = parse("node-b [2001:db8::2]:1194 10.9.0.2");
        assertEquals(Optional.of("2001:db8::2"), b.host());
        assertEquals("[2001:db8::2]:1194", b.endpoint());
        assertEquals(List.of(Prefix.parse("10.9.0.2/32")), b.prefixes(), "a bare address is a host route");
    }

    @Test
    void aStarIsALeafWithoutAddress() throws ConfigException {
        MeshPeer leaf = parse("laptop * 10.9.0.50");
        assertTrue(leaf.leaf());
        assertEquals("*", leaf.endpoint());
    }

    @Test
    void errorsNameTheFileTheLineAndTheFix() {
        ConfigException e = refused("node-b 192.0.2.2:1194");
        assertEquals("mesh.conf:7", e.where());
        assertTrue(e.getMessage().contains("at least one network") && e.getMessage().contains("culvert-mesh-peer NAME HOST:PORT"), e.getMessage());
        assertTrue(refused("node-b 192.0.2.2:1194 192.168.2.1/24").getMessage().contains("host bits"));
        assertTrue(refused("node-b 192.0.2.2:1194 192.168.2.0/24 192.168.2.0/24").getMessage().contains("twice"));
        assertTrue(refused("node/b 192.0.2.2:1194 192.168.2.0/24").getMessage().contains("not a peer name"));
    }

    @Test
    void anAddressNeedsAValidPort() {
        for (String endpoint : List.of("192.0.2.2", "192.0.2.2:0", "192.0.2.2:65536", "192.0.2.2:x", ":1194", "2001:db8::2:1194", "a b:1")) {
            ConfigException e = refused("node-b " + endpoint.replace(' ', '_') + " 192.168.2.0/24");
            assertTrue(e.getMessage().contains("is not HOST:PORT"), endpoint + ": " + e.getMessage());
        }
    }

    @Test
    void aLineNamesABoundedNumberOfNetworks() {
        StringBuilder words = new StringBuilder("node-b 192.0.2.2:1194");
        for (int i = 0; i <= MeshPeerLine.MAX_PREFIXES; i++) {
            words.append(" 10.").append(i / 256).append('.').append(i % 256).append(".0/24");
        }
        assertTrue(refused(words.toString()).getMessage().contains("more than " + MeshPeerLine.MAX_PREFIXES));
    }
}
