package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.node.NodeRole;
import dev.culvert.vpn.server.VpnServerRole;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which role runs which configuration: exactly one of client, server and point-to-point peer takes each. */
class PeerToPeerRoleTest {
    private static final List<NodeRole> ROLES = List.of(new VpnClientRole(), new VpnServerRole(), new VpnPeerToPeerRole());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "tls-server\\nifconfig 10.8.0.1 10.8.0.2                 | openvpn-p2p",
        "tls-client\\nremote 192.0.2.1\\nifconfig 10.8.0.2 10.8.0.1 | openvpn-p2p",
        "tls-server                                              | openvpn-p2p",
        "client\\nremote 192.0.2.1                                | openvpn-client",
        "tls-client\\npull\\nremote 192.0.2.1                     | openvpn-client",
        "server 10.8.0.0 255.255.255.0                           | openvpn-server",
        "tls-server\\nserver 10.8.0.0 255.255.255.0               | openvpn-server",
        "mode server\\ntls-server                                 | openvpn-server",
    })
    void exactlyOneRoleTakesEachConfiguration(String text, String expected) throws Exception {
        Config config = Config.of(text.replace("\\n", "\n") + "\n", "x.conf");
        List<String> taking = ROLES.stream().filter(r -> r.accepts(config)).map(NodeRole::name).toList();
        assertEquals(List.of(expected), taking);
    }

    @Test
    void thePeerToPeerRoleIsFoundOnAPlainClassPathToo() {
        assertTrue(ServiceLoader.load(NodeRole.class).stream().anyMatch(p -> p.type() == VpnPeerToPeerRole.class));
    }

    @Test
    void noRoleTakesAConfigurationWithoutOne() throws Exception {
        Config config = Config.of("dev tun\nifconfig 10.8.0.1 10.8.0.2\n", "x.conf");
        assertFalse(ROLES.stream().anyMatch(r -> r.accepts(config)));
    }
}
