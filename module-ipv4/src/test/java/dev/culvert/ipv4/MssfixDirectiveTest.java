package dev.culvert.ipv4;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.ConfigParser;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MssfixDirectiveTest {
    private final MssfixDirective handler = new MssfixDirective();

    private Directive parse(String line) throws ConfigException {
        return ConfigParser.parse(line + "\n", "client.conf").get(0);
    }

    @Test
    void claimsMssfixForModuleIpv4() {
        assertEquals(Set.of("mssfix"), handler.directives());
        assertEquals("module-ipv4", handler.module());
    }

    @Test
    void acceptsOpenVpnsForms() {
        for (String ok : new String[] {"mssfix", "mssfix 0", "mssfix 1450", "mssfix 1492 mtu", "mssfix 1400 fixed"}) {
            assertDoesNotThrow(() -> handler.check(parse(ok)), ok);
        }
    }

    @Test
    void refusesWrongArgumentsNamingTheLine() {
        for (String bad : new String[] {"mssfix big", "mssfix 50", "mssfix 70000", "mssfix 1450 udp", "mssfix 0 mtu",
                "mssfix 1450 mtu fixed", "mssfix -1"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> handler.check(parse(bad)), bad);
            assertTrue(e.getMessage().startsWith("client.conf:1: "), e.getMessage());
        }
    }
}
