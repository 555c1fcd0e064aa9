package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.vpn.fragment.FragmentSize;
import dev.culvert.vpn.keys.OccOptionsString;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code fragment MAX [mtu]} as a configuration says it: its syntax, the roles that take it, and 2.6's refusal over TCP. */
class FragmentConfigTest {
    private static final VpnDirectives HANDLER = new VpnDirectives();

    @Test
    void theLineTakesASizeOf68OrMoreAndTheMtuFlag() throws Exception {
        assertEquals(List.of(), problems("fragment 1300\n"));
        assertEquals(List.of(), problems("fragment 68 mtu\n"));
        assertTrue(problems("fragment 67\n").get(0).getMessage().contains("at least 68"), problems("fragment 67\n")::toString);
        assertTrue(problems("fragment 1300 fixed\n").get(0).getMessage().contains("only flag is 'mtu'"));
        assertTrue(problems("fragment big\n").get(0).getMessage().contains("not a size"));
        assertEquals(1, problems("fragment\n").size());
    }

    @Test
    void aClientOverTcpIsRefusedAt2Point6sWordsNamingTheLine() throws Exception {
        Config config = Config.of("client\nremote vpn.example 1194 tcp-client\nfragment 1300\n", "c.conf");
        assertEquals(List.of(), config.validate(List.of(HANDLER)));
        ConfigException e = assertThrows(ConfigException.class, () -> ClientConfig.from(config));
        assertEquals("c.conf:3", e.where());
        assertTrue(e.problem().contains("only be used over UDP"), e.getMessage());
    }

    @Test
    void aServerWithATcpListenerIsRefusedNamingTheLine() throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\nproto tcp-server\nfragment 1300\n", "s.conf");
        assertEquals(List.of(), config.validate(ServerConfigTest.HANDLERS));
        ConfigException e = assertThrows(ConfigException.class, () -> ServerConfig.from(config));
        assertTrue(e.problem().contains("only be used over UDP"), e.getMessage());
        assertTrue(e.where().startsWith("s.conf:"), e.where());
    }

    @Test
    void aUdpServerGivesEverySessionTheFragmentSetting() throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\nfragment 1300 mtu\n", "s.conf");
        assertEquals(List.of(), config.validate(ServerConfigTest.HANDLERS));
        ServerConfig server = ServerConfig.from(config);
        assertEquals(Optional.of(new FragmentSize(1300, true)), server.fragment());
        assertEquals(Optional.of(new FragmentSize(1300, true)), server.toSessionSettings(new BcTlsProvider(), new JceAeadProvider(),
                new SecureRandom(), OccOptionsString.Transport.UDP, (info, cipher, ekm, ccExit) -> List.of("PUSH_REPLY")).common().fragment());
    }

    @Test
    void withoutALineThereIsNoFragmentation() throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\n", "s.conf");
        assertEquals(Optional.empty(), ServerConfig.from(config).fragment());
    }

    private static List<ConfigException> problems(String text) throws ConfigException {
        return Config.of(text, "f.conf").validate(List.of(HANDLER));
    }
}
