package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.testing.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer-certificate directives, as a server's configuration takes or refuses them: errors name the line and say the fix. */
class PeerCertificateDirectivesTest {
    private static final String HEAD = "dev tun\nserver 10.8.0.0 255.255.255.0\n";

    private static ConfigException refusal(String line) throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + HEAD + line + "\n", "s.conf");
        List<ConfigException> problems = config.validate(ServerConfigTest.HANDLERS);
        ConfigException e = problems.isEmpty() ? assertThrows(ConfigException.class, () -> ServerConfig.from(config)) : problems.get(0);
        assertEquals("s.conf:" + (lines() + 3), e.where(), line + ": " + e.getMessage());
        assertFalse(e.fix().isEmpty(), line);
        return e;
    }

    private static int lines() throws Exception {
        return (int) ServerFiles.inlinePki().chars().filter(c -> c == '\n').count();
    }

    private static ServerConfig accepted(String line) throws Exception {
        Config config = Config.of(ServerFiles.inlinePki() + HEAD + line + "\n", "s.conf");
        assertEquals(List.of(), config.validate(ServerConfigTest.HANDLERS));
        return ServerConfig.from(config);
    }

    @Test
    void crlVerifyTakesACrlFileOrADirectory(@TempDir Path dir) throws Exception {
        Path crl = dir.resolve("crl.pem");
        Files.writeString(crl, TestPki.pem(TestPki.crl(TestPki.ca("some-ca"))));
        assertNotNull(accepted("crl-verify " + crl));
        assertNotNull(accepted("crl-verify " + dir + " dir"));
    }

    @Test
    void aCrlFileThatIsMissingOrNotACrlIsAnErrorAtStart(@TempDir Path dir) throws Exception {
        assertTrue(refusal("crl-verify " + dir.resolve("missing.pem")).problem().contains("cannot be read"));
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "hello\n");
        assertTrue(refusal("crl-verify " + junk).problem().contains(junk.toString()));
    }

    @Test
    void badCrlVerifyFormsAreRefused(@TempDir Path dir) throws Exception {
        assertTrue(refusal("crl-verify " + dir.resolve("nothing") + " dir").problem().contains("no such directory"));
        assertTrue(refusal("crl-verify " + dir + " folder").problem().contains("'folder'"));
        assertTrue(refusal("crl-verify").problem().contains("crl-verify"));
    }
}
