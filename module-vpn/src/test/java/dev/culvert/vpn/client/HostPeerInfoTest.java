package dev.culvert.vpn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.vpn.config.PeerInfoVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPeerInfoTest {
    private static final String ROUTES = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            eth1\t0002A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
            eth0\t00000000\t0102A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
            """;

    private static HostPeerInfo host(Path dir, String routes, String eth0Address) throws Exception {
        Files.writeString(dir.resolve("route"), routes);
        Files.createDirectories(dir.resolve("net/eth0"));
        Files.writeString(dir.resolve("net/eth0/address"), eth0Address + "\n");
        return new HostPeerInfo(dir.resolve("route"), dir.resolve("net"));
    }

    @Test
    void pushPeerInfoSendsTheDefaultRouteInterfacesMacTheTlsLibraryAndTheKernelRelease(@TempDir Path dir) throws Exception {
        Map<String, String> info = host(dir, ROUTES, "52:54:00:AB:cd:01")
                .entries(new PeerInfoVariables(true, Map.of("UV_SITE", "berlin")), "Bouncy Castle JSSE");
        assertEquals("52:54:00:ab:cd:01", info.get("IV_HWADDR"));
        assertEquals("Bouncy Castle JSSE", info.get("IV_SSL"));
        assertEquals(System.getProperty("os.version"), info.get("IV_PLAT_VER"));
        assertEquals("berlin", info.get("UV_SITE"));
    }

    @Test
    void aSetenvPlatformVersionWinsOverTheKernels(@TempDir Path dir) throws Exception {
        Map<String, String> info = host(dir, ROUTES, "52:54:00:ab:cd:01")
                .entries(new PeerInfoVariables(true, Map.of("IV_PLAT_VER", "custom")), "tls");
        assertEquals("custom", info.get("IV_PLAT_VER"));
    }

    @Test
    void withoutPushPeerInfoNothingOfTheHostIsSent(@TempDir Path dir) throws Exception {
        Map<String, String> info = host(dir, ROUTES, "52:54:00:ab:cd:01")
                .entries(new PeerInfoVariables(false, Map.of("IV_GUI_VER", "gui 1")), "tls");
        assertEquals(Map.of("IV_GUI_VER", "gui 1"), info);
    }

    @Test
    void noDefaultRouteOrNoHardwareAddressLeavesIvHwaddrOut(@TempDir Path dir) throws Exception {
        String noDefault = ROUTES.lines().limit(2).reduce("", (a, b) -> a + b + "\n");
        assertEquals(Optional.empty(), host(dir, noDefault, "52:54:00:ab:cd:01").defaultRouteHwaddr());
        assertEquals(Optional.empty(), host(dir, ROUTES, "00:00:00:00:00:00").defaultRouteHwaddr());
        Map<String, String> info = host(dir, ROUTES, "garbage").entries(new PeerInfoVariables(true, Map.of()), "tls");
        assertFalse(info.containsKey("IV_HWADDR"));
        assertTrue(info.containsKey("IV_SSL"));
    }
}
