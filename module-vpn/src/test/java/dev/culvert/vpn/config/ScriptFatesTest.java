package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The script-related options whose old fate said "running scripts is not implemented yet": now
 * that scripts run, each is implemented or refused for what is true of it.
 */
class ScriptFatesTest {
    private static List<ConfigException> problems(String lines) throws Exception {
        return Config.of(lines, "c.conf").validate(List.of(new VpnDirectives(), new ServerDirectives()));
    }

    @Test
    void noNameRemappingIsRefusedAs26RefusesIt() throws Exception {
        List<ConfigException> p = problems("dev tun\nno-name-remapping\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).getMessage().contains("c.conf:2") && p.get(0).problem().contains("removed in OpenVPN 2.5"), p.get(0).getMessage());
        assertTrue(p.get(0).fix().startsWith("remove the line"), p.get(0).fix());
    }

    @Test
    void keyingMaterialExporterIsRefusedNotAcceptedAndIgnored() throws Exception {
        List<ConfigException> p = problems("keying-material-exporter EXPORTER-my-app 32\n");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).getMessage().contains("c.conf:1") && p.get(0).problem().contains("exported_keying_material"), p.get(0).getMessage());
        assertTrue(p.get(0).fix().startsWith("remove the line"), p.get(0).fix());
    }

    @Test
    void routePreDownAndTlsCryptV2VerifyAreNoLongerRefused() throws Exception {
        assertEquals(List.of(), problems("client\nremote vpn.example.com\nroute-pre-down ./before-routes-go.sh\n"));
        assertEquals(List.of(), problems("tls-crypt-v2-verify ./check-metadata.sh\n"));
    }
}
