package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.vpn.hook.ScriptAuthenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** options.c's auth-user-pass-verify, script-security, tmp-dir and the username options, with mistakes named at their line. */
class UserAuthConfigTest {
    @TempDir
    Path dir;

    private UserAuthConfig read(String lines) throws Exception {
        Path file = dir.resolve("server.conf");
        Files.writeString(file, lines);
        return UserAuthConfig.from(Config.load(file));
    }

    private void executable(String name) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
    }

    @Test
    void aScriptRelativeToTheConfigurationWithItsOwnArguments() throws Exception {
        executable("check.sh");
        UserAuthConfig c = read("script-security 3\nauth-user-pass-verify \"check.sh --strict\" via-env\nusername-as-common-name\n"
                + "auth-user-pass-optional\ntmp-dir " + dir + "\n");
        UserAuthConfig.VerifyScript v = c.verify().orElseThrow();
        assertEquals(List.of(dir.resolve("check.sh").toString(), "--strict"), v.command().words());
        assertEquals(ScriptAuthenticator.Method.VIA_ENV, v.method());
        assertTrue(c.passwordInEnvironment());
        assertTrue(c.usernameAsCommonName());
        assertTrue(c.userPassOptional());
        assertEquals(dir, c.tmpDir());
    }

    @Test
    void withoutTheLinesNothingIsChecked() throws Exception {
        UserAuthConfig c = read("dev tun\n");
        assertTrue(c.verify().isEmpty());
        assertEquals(1, c.scriptSecurity());
        assertFalse(c.passwordInEnvironment());
    }

    @Test
    void aScriptNeedsScriptSecurity2() throws Exception {
        executable("check.sh");
        ConfigException e = assertThrows(ConfigException.class, () -> read("auth-user-pass-verify check.sh via-file\n"));
        assertTrue(e.getMessage().contains("server.conf:1") && e.getMessage().contains("(the default)"), e.getMessage());
        assertTrue(e.fix().contains("script-security 2"), e.fix());
    }

    @Test
    void aMissingOrNonExecutableScriptIsRefusedAtItsLine() throws Exception {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> read("script-security 2\nauth-user-pass-verify nope.sh via-file\n"));
        assertTrue(missing.getMessage().contains("server.conf:2") && missing.getMessage().contains("does not exist"), missing.getMessage());
        Files.writeString(dir.resolve("plain.sh"), "exit 0\n");
        ConfigException plain = assertThrows(ConfigException.class,
                () -> read("script-security 2\nauth-user-pass-verify plain.sh via-file\n"));
        assertTrue(plain.getMessage().contains("not executable") && plain.fix().contains("chmod +x"), plain.getMessage());
    }

    @Test
    void aWrongMethodLevelOrTmpDirIsRefused() throws Exception {
        executable("check.sh");
        ConfigException method = assertThrows(ConfigException.class,
                () -> read("script-security 2\nauth-user-pass-verify check.sh via-pipe\n"));
        assertTrue(method.getMessage().contains("via-pipe"), method.getMessage());
        assertThrows(ConfigException.class, () -> read("script-security 2\nauth-user-pass-verify check.sh\n"));
        assertThrows(ConfigException.class, () -> read("script-security 4\n"));
        ConfigException tmp = assertThrows(ConfigException.class,
                () -> read("script-security 2\ntmp-dir " + dir.resolve("gone") + "\nauth-user-pass-verify check.sh via-file\n"));
        assertTrue(tmp.getMessage().contains("server.conf:2") && tmp.getMessage().contains("not a writable directory"), tmp.getMessage());
    }
}
