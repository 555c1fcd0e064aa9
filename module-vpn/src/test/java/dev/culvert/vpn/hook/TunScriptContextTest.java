package dev.culvert.vpn.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an up script is told: 2.6's arguments, and the variables update-resolv-conf reads. */
class TunScriptContextTest {
    @TempDir
    Path dir;

    @Test
    void anUpScriptGetsTheDeviceItsAddressesAndTheDhcpOptions() throws Exception {
        Path seen = dir.resolve("seen");
        Path script = dir.resolve("up.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" > " + seen + "\nenv >> " + seen + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        TunScriptContext tun = new TunScriptContext("tun3", 1500, 1621, "10.8.0.2", "255.255.255.0", true,
                List.of("dhcp-option DNS 10.8.0.1", "dhcp-option DOMAIN vpn.example\n>forged"), "10.8.0.1");
        ScriptRunner.Outcome o = Scripts.of(Map.of("daemon", "0"), dir, Duration.ofSeconds(10))
                .runTunScript(ScriptCommand.parse(script.toString()), "up", tun).get(10, TimeUnit.SECONDS);
        assertTrue(o.exitedWith(0));
        List<String> lines = Files.readAllLines(seen);
        assertEquals("tun3 1500 1621 10.8.0.2 255.255.255.0 init", lines.get(0));
        assertTrue(lines.containsAll(List.of("script_type=up", "dev=tun3", "tun_mtu=1500", "link_mtu=1621", "ifconfig_local=10.8.0.2",
                "ifconfig_netmask=255.255.255.0", "foreign_option_1=dhcp-option DNS 10.8.0.1", "route_vpn_gateway=10.8.0.1", "daemon=0")),
                lines.toString());
        assertTrue(lines.contains("foreign_option_2=dhcp-option DOMAIN vpn.example_>forged"), "a pushed newline stays in its variable: " + lines);
    }
}
