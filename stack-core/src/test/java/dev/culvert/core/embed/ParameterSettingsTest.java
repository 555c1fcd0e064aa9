package dev.culvert.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import org.junit.jupiter.api.Test;

/** verb 4's "Current Parameter Settings": every option in effect, and no key. */
class ParameterSettingsTest {
    @Test
    void listsEveryDirectiveWithWhereItIsWritten() throws Exception {
        String listing = ParameterSettings.of(Config.of("verb 4\nproto udp\nport 1194\npersist-key\n", "server.conf"));
        assertEquals("""
                Current Parameter Settings:
                  verb 4  (server.conf:1)
                  proto udp  (server.conf:2)
                  port 1194  (server.conf:3)
                  persist-key  (server.conf:4)""", listing);
    }

    @Test
    void anInlineBlockIsShownAsInlineNeverWithItsText() throws Exception {
        String key = "-----BEGIN OpenVPN Static key V1-----\n0123456789abcdef0123456789abcdef\n-----END OpenVPN Static key V1-----";
        String listing = ParameterSettings.of(Config.of("verb 4\n<tls-crypt>\n" + key + "\n</tls-crypt>\n", "client.conf"));
        assertTrue(listing.contains("  tls-crypt [[INLINE]]  (client.conf:2)"), listing);
        assertFalse(listing.contains("0123456789abcdef"), listing);
        assertFalse(listing.contains("BEGIN"), listing);
    }
}
