package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerInfoVariablesTest {
    private static final String SETENV = """
            setenv UV_SITE berlin
            setenv IV_PLAT_VER custom-7
            setenv IV_GUI_VER "culvert-gui 1.0"
            setenv IV_SSO webauth
            setenv OTHER ignored
            setenv UV_EMPTY
            """;

    @Test
    void withoutPushPeerInfoOnlyTheGuiVersionAndSsoAreSentAs26SendsThemFromEveryPullingClient() throws Exception {
        PeerInfoVariables v = PeerInfoVariables.from(Config.of("client\n" + SETENV, "client.conf"));
        assertFalse(v.pushPeerInfo());
        assertEquals(Map.of("IV_GUI_VER", "culvert-gui 1.0", "IV_SSO", "webauth"), v.variables());
    }

    @Test
    void pushPeerInfoAddsTheUserVariablesAndAnOwnPlatformVersion() throws Exception {
        PeerInfoVariables v = PeerInfoVariables.from(Config.of("client\npush-peer-info\n" + SETENV, "client.conf"));
        assertTrue(v.pushPeerInfo());
        assertEquals(Map.of("UV_SITE", "berlin", "UV_EMPTY", "", "IV_PLAT_VER", "custom-7", "IV_GUI_VER", "culvert-gui 1.0",
                "IV_SSO", "webauth"), v.variables());
    }

    @Test
    void aLaterSetenvOfTheSameNameWins() throws Exception {
        PeerInfoVariables v = PeerInfoVariables.from(Config.of("push-peer-info\nsetenv UV_A 1\nsetenv UV_A 2\n", "client.conf"));
        assertEquals(Map.of("UV_A", "2"), v.variables());
    }

    @Test
    void aValueWithAControlCharacterIsRefusedNamingTheLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PeerInfoVariables.from(Config.of("push-peer-info\nsetenv UV_A \"a\tb\"\n", "client.conf")));
        assertTrue(e.getMessage().contains("client.conf"), e.getMessage());
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
    }
}
