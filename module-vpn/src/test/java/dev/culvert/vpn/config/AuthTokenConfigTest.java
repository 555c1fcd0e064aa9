package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** options.c's auth-gen-token and auth-gen-token-secret, with the mistakes named at their line. */
class AuthTokenConfigTest {
    @TempDir
    Path dir;

    private Optional<AuthTokenConfig> read(String lines) throws Exception {
        Path file = dir.resolve("server.conf");
        Files.writeString(file, lines);
        return AuthTokenConfig.from(Config.load(file));
    }

    /** A key file as 'openvpn --genkey auth-token' writes it: 128 bytes between the PEM lines. */
    private Path keyFile(byte[] key) throws Exception {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key);
        Path file = dir.resolve("token.key");
        Files.writeString(file, "-----BEGIN OpenVPN auth-token server key-----\n" + b64 + "\n-----END OpenVPN auth-token server key-----\n");
        return file;
    }

    @Test
    void theHmacKeyIsTheSecondHalfsFirst32BytesOf26sKeyFile() throws Exception {
        byte[] key = new byte[128];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        AuthTokenConfig c = read("auth-gen-token 86400 7200\nauth-gen-token-secret " + keyFile(key) + "\n").orElseThrow();
        assertArrayEquals(Arrays.copyOfRange(key, 64, 96), c.hmacKey());
        assertEquals(86400, c.lifetimeSeconds());
        assertEquals(7200, c.renewalSeconds());
        assertTrue(c.toString().contains("key withheld"));
    }

    @Test
    void withoutTheLinesThereAreNoTokensAndWithoutASecretTheKeyIsRandom() throws Exception {
        assertEquals(Optional.empty(), read("dev tun\n"));
        AuthTokenConfig a = read("auth-gen-token\n").orElseThrow();
        AuthTokenConfig b = read("auth-gen-token\n").orElseThrow();
        assertEquals(0, a.lifetimeSeconds());
        assertEquals(3600, a.renewalSeconds(), "reneg-sec's default");
        assertTrue(!Arrays.equals(a.hmacKey(), b.hmacKey()));
    }

    @Test
    void mistakesAreNamedAtTheirLine() throws Exception {
        ConfigException orphan = assertThrows(ConfigException.class, () -> read("auth-gen-token-secret x.key\n"));
        assertTrue(orphan.getMessage().contains("without 'auth-gen-token'"), orphan.getMessage());
        ConfigException external = assertThrows(ConfigException.class, () -> read("auth-gen-token 0 3600 external-auth\n"));
        assertTrue(external.getMessage().contains("external-auth") && external.getMessage().contains("server.conf:1"), external.getMessage());
        ConfigException window = assertThrows(ConfigException.class, () -> read("reneg-sec 60\nauth-gen-token\n"));
        assertTrue(window.getMessage().contains("server.conf:2") && window.getMessage().contains("two times --hand-window (60)"),
                window.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> read("auth-gen-token\nauth-gen-token-secret nope.key\n"));
        assertTrue(missing.getMessage().contains("server.conf:2") && missing.fix().contains("--genkey auth-token"), missing.getMessage());
        ConfigException small = assertThrows(ConfigException.class, () -> read("auth-gen-token\nauth-gen-token-secret " + keyFile(new byte[64]) + "\n"));
        assertTrue(small.getMessage().contains("fewer than 128"), small.getMessage());
    }
}
