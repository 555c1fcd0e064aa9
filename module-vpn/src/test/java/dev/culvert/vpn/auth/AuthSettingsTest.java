package dev.culvert.vpn.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each auth line alone, as --check reads it. */
class AuthSettingsTest {
    private static Directive d(String name, String... args) {
        return new Directive(name, List.of(args), "client.conf", 4, false);
    }

    @Test
    void authRetryTakesTheThreeModesOf26() throws Exception {
        assertEquals(AuthRetry.NONE, AuthRetry.of(d("auth-retry", "none")));
        assertEquals(AuthRetry.NOINTERACT, AuthRetry.of(d("auth-retry", "nointeract")));
        assertEquals(AuthRetry.INTERACT, AuthRetry.of(d("auth-retry", "interact")));
        ConfigException e = assertThrows(ConfigException.class, () -> AuthRetry.of(d("auth-retry", "sometimes")));
        assertTrue(e.getMessage().contains("none") && e.getMessage().contains("nointeract"), e.getMessage());
    }

    @Test
    void eachLineIsCheckedAlone() throws Exception {
        AuthSettings.checkLine(d("auth-user-pass"));
        AuthSettings.checkLine(d("auth-user-pass", "up.txt"));
        AuthSettings.checkLine(d("auth-nocache"));
        AuthSettings.checkLine(d("auth-token", "SESS_ID"));
        AuthSettings.checkLine(d("auth-token-user", "YWxpY2U="));
        assertThrows(ConfigException.class, () -> AuthSettings.checkLine(d("auth-nocache", "yes")));
        assertThrows(ConfigException.class, () -> AuthSettings.checkLine(d("auth-token")));
        ConfigException e = assertThrows(ConfigException.class, () -> AuthSettings.checkLine(d("auth-token-user", "alice!")));
        assertTrue(e.getMessage().contains("base64"), e.getMessage());
    }

    @Test
    void toStringShowsNoToken() {
        AuthSettings s = new AuthSettings(null, true, AuthRetry.INTERACT, "SECRET-TOKEN", null);
        assertTrue(!s.toString().contains("SECRET-TOKEN") && s.toString().contains("a token"), s.toString());
    }
}
