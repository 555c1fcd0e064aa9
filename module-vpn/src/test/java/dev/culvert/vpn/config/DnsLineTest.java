package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code dns} lines: checked as 2.6 checks them, and kept with dhcp-option for scripts. */
class DnsLineTest {
    private static Config config(String lines) throws ConfigException {
        Config config = Config.of("client\nremote vpn.example\n" + lines, "c.conf");
        List<ConfigException> problems = config.validate(List.of(new VpnDirectives()));
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return config;
    }

    @Test
    void theSyntaxesOf26AreTakenAndKeptWholeWithDhcpOption() throws Exception {
        Config c = config("""
                dns search-domains example.net corp.example
                dns server 0 address 10.8.0.1 [2001:db8::53]:5353 192.0.2.53:53
                dns server 0 resolve-domains corp.example
                dns server 0 dnssec optional
                dns server -5 address 192.0.2.1
                dns server -5 transport DoT
                dns server -5 sni dns.example
                dhcp-option DOMAIN example.net
                """);
        PullOptions pull = PullOptions.from(c);
        assertEquals(8, pull.keptForScripts().size());
        assertEquals("dns server -5 sni dns.example", pull.keptForScripts().get(6));
        assertEquals("dhcp-option DOMAIN example.net", pull.keptForScripts().get(7));
    }

    @Test
    void badLinesAndServersWithoutAnAddressAreRefusedAtTheirLine() {
        for (String bad : List.of("dns server 128 address 10.8.0.1", "dns server 0 dnssec maybe", "dns server 0 transport http",
                "dns server 0 address 10.8.0.1:99999", "dns server 0 address not-an-address", "dns resolver 10.8.0.1",
                "dns server 0 address 1.1.1.1 1.1.1.2 1.1.1.3 1.1.1.4 1.1.1.5 1.1.1.6 1.1.1.7 1.1.1.8 1.1.1.9")) {
            ConfigException e = assertThrows(ConfigException.class, () -> config(bad + "\n"), bad);
            assertEquals("c.conf:3", e.where(), bad);
        }
        ConfigException noAddress = assertThrows(ConfigException.class, () -> PullOptions.from(config("dns server 1 dnssec yes\n")));
        assertTrue(noAddress.getMessage().contains("dns server 1 has no address"), noAddress.getMessage());
    }
}
