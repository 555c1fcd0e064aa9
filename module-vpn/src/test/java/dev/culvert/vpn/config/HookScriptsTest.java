package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** client-connect, client-disconnect and learn-address lines, checked as 2.6 checks scripts at start. */
class HookScriptsTest {
    @TempDir
    Path dir;

    private HookScripts read(String lines) throws Exception {
        Path file = dir.resolve("server.conf");
        Files.writeString(file, lines);
        Config config = Config.load(file);
        return HookScripts.from(config, UserAuthConfig.from(config));
    }

    @Test
    void eachScriptIsResolvedWithItsOwnArguments() throws Exception {
        Path script = dir.resolve("hook.sh");
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        HookScripts h = read("script-security 2\nclient-connect \"hook.sh connect\"\nclient-disconnect hook.sh\nlearn-address hook.sh\n");
        assertEquals(List.of(script.toString(), "connect"), h.clientConnect().orElseThrow().words());
        assertEquals(List.of(script.toString()), h.clientDisconnect().orElseThrow().words());
        assertTrue(h.learnAddress().isPresent());
        assertEquals(HookScripts.none(), read("dev tun\n"));
    }

    @Test
    void theyNeedScriptSecurity2AndAnExecutableProgram() throws Exception {
        ConfigException level = assertThrows(ConfigException.class, () -> read("learn-address /bin/true\n"));
        assertTrue(level.getMessage().contains("server.conf:1") && level.fix().contains("script-security 2"), level.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> read("script-security 2\nclient-connect nope.sh\n"));
        assertTrue(missing.getMessage().contains("server.conf:2") && missing.getMessage().contains("does not exist"), missing.getMessage());
        assertThrows(ConfigException.class, () -> read("script-security 2\nclient-connect\n"));
    }

    @Test
    void tlsCryptV2VerifyNeedsATlsCryptV2KeyScriptSecurity2AndAProgram() throws Exception {
        Path script = dir.resolve("meta.sh");
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        // The key file is read later (SecurityConfig); here only its line counts.
        HookScripts h = read("script-security 2\ntls-crypt-v2 server.key\ntls-crypt-v2-verify \"meta.sh --strict\"\n");
        assertEquals(List.of(script.toString(), "--strict"), h.tlsCryptV2Verify().orElseThrow().words());
        ConfigException noKey = assertThrows(ConfigException.class, () -> read("script-security 2\ntls-crypt-v2-verify meta.sh\n"));
        assertTrue(noKey.getMessage().contains("server.conf:2") && noKey.getMessage().contains("never run"), noKey.getMessage());
        assertTrue(noKey.fix().contains("tls-crypt-v2 SERVER_KEY_FILE"), noKey.fix());
        ConfigException level = assertThrows(ConfigException.class, () -> read("tls-crypt-v2 server.key\ntls-crypt-v2-verify meta.sh\n"));
        assertTrue(level.getMessage().contains("server.conf:2") && level.fix().contains("script-security 2"), level.getMessage());
    }

    @Test
    void aClientRefusesTlsCryptV2VerifyAsAServersLine() throws Exception {
        Path file = dir.resolve("client.conf");
        Files.writeString(file, "client\nremote vpn.example.com\ntls-crypt-v2-verify /bin/true\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ClientConfig.from(Config.load(file)));
        assertTrue(e.getMessage().contains("client.conf:3") && e.getMessage().contains("server directive"), e.getMessage());
    }
}
