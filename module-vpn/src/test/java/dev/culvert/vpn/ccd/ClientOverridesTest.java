package dev.culvert.vpn.ccd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.route.Prefix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client-connect file applied after the client-config-dir file, as 2.6 applies it. */
class ClientOverridesTest {
    private static ClientOverrides parse(String text) throws Exception {
        return ClientConfigDir.parse(Config.of(text, "<test>"));
    }

    @Test
    void aLaterAddressWinsAndRoutesAndPushesAddUp() throws Exception {
        ClientOverrides file = parse("ifconfig-push 10.8.0.9 255.255.255.0\niroute 192.168.1.0 255.255.255.0\npush \"route 10.1.0.0 255.255.0.0\"\n");
        ClientOverrides hook = parse("ifconfig-push 10.8.0.20 255.255.255.0\niroute 192.168.2.0 255.255.255.0\npush \"route 10.2.0.0 255.255.0.0\"\n");
        ClientOverrides merged = file.then(hook);
        assertEquals(hook.ifconfigPush(), merged.ifconfigPush());
        assertEquals(List.of(Prefix.parse("192.168.1.0/24"), Prefix.parse("192.168.2.0/24")), merged.iroutes());
        assertEquals(List.of("route 10.1.0.0 255.255.0.0", "route 10.2.0.0 255.255.0.0"), merged.push());
        assertFalse(merged.pushReset());
        assertFalse(merged.disable());
    }

    @Test
    void withoutALaterAddressTheFilesStays() throws Exception {
        ClientOverrides file = parse("ifconfig-push 10.8.0.9 255.255.255.0\n");
        assertEquals(file.ifconfigPush(), file.then(parse("push \"dhcp-option DNS 10.8.0.1\"\n")).ifconfigPush());
        assertEquals(file, ClientOverrides.NONE.then(file));
    }

    @Test
    void aLaterPushResetDropsTheFilesPushesAndEitherDisableRefuses() throws Exception {
        ClientOverrides file = parse("push \"route 10.1.0.0 255.255.0.0\"\n");
        ClientOverrides merged = file.then(parse("push-reset\npush \"route 10.3.0.0 255.255.0.0\"\n"));
        assertEquals(List.of("route 10.3.0.0 255.255.0.0"), merged.push());
        assertTrue(merged.pushReset());
        assertTrue(file.then(parse("disable\n")).disable());
        assertTrue(parse("disable\n").then(ClientOverrides.NONE).disable());
    }
}
