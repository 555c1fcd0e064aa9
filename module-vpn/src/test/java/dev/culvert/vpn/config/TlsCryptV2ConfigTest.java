package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.vpn.control.TlsCryptV2ClientKey;
import dev.culvert.vpn.control.TlsCryptV2Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tls-crypt-v2}: the key each role takes, its flags, and what it excludes. */
class TlsCryptV2ConfigTest {
    @TempDir
    Path dir;

    private Path files() throws IOException {
        ServerFiles.write(dir);
        Files.writeString(dir.resolve("v2server.key"), TlsCryptV2Vectors.SERVER_KEY);
        try (TlsCryptV2ClientKey key = TlsCryptV2Vectors.clientKey()) {
            Files.writeString(dir.resolve("v2client.key"), key.toPem());
        }
        return dir;
    }

    private ServerConfig server(String line) throws Exception {
        Path file = files().resolve("server.conf");
        Files.writeString(file, "dev tun\nserver 10.8.0.0 255.255.255.0\nca ca.crt\ncert server.crt\nkey server.key\n" + line + "\n");
        Config config = Config.load(file);
        assertEquals(java.util.List.of(), config.validate(ServerConfigTest.HANDLERS));
        return ServerConfig.from(config);
    }

    private ClientConfig client(String line) throws Exception {
        Path file = files().resolve("client.conf");
        Files.writeString(file, "client\ndev tun\nremote vpn.example 1194\nca ca.crt\n" + line + "\n");
        return ClientConfig.from(Config.load(file));
    }

    @Test
    void aServerTakesTheServerKeyAndAClientItsOwnKey() throws Exception {
        assertEquals(ClientConfig.Wrapping.TLS_CRYPT_V2, server("tls-crypt-v2 v2server.key force-cookie").security().wrapping());
        assertEquals(ClientConfig.Wrapping.TLS_CRYPT_V2, client("tls-crypt-v2 v2client.key").wrapping());
    }

    @Test
    void theWrongKindOfKeyIsRefusedAtItsLineWithTheFix() {
        ConfigException e = assertThrows(ConfigException.class, () -> client("tls-crypt-v2 v2server.key"));
        assertEquals(dir.resolve("client.conf") + ":5", e.where());
        assertTrue(e.getMessage().contains("a client takes its own client key"), e.getMessage());
        ConfigException s = assertThrows(ConfigException.class, () -> server("tls-crypt-v2 v2client.key"));
        assertTrue(s.getMessage().contains("a server takes the server key"), s.getMessage());
    }

    @Test
    void flagsAreTheServersAndOnlyThe26Ones() {
        ConfigException onClient = assertThrows(ConfigException.class, () -> client("tls-crypt-v2 v2client.key force-cookie"));
        assertTrue(onClient.getMessage().contains("server's choice"), onClient.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> server("tls-crypt-v2 v2server.key please"));
        assertTrue(unknown.getMessage().contains("'please' is not a tls-crypt-v2 option"), unknown.getMessage());
    }

    @Test
    void itExcludesTlsCryptAndTlsAuth() {
        ConfigException e = assertThrows(ConfigException.class, () -> client("tls-crypt-v2 v2client.key\ntls-crypt ta.key"));
        assertTrue(e.getMessage().contains("tls-crypt-v2 excludes tls-crypt"), e.getMessage());
    }
}
