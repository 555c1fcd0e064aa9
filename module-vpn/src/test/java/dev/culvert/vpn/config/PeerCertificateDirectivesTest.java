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

    @Test
    void theNameAndUsageDirectivesAreTakenIn26sForms() throws Exception {
        for (String line : List.of("verify-x509-name server", "verify-x509-name 'C=US, O=Example, CN=server' subject",
                "verify-x509-name server name", "verify-x509-name vpn- name-prefix", "remote-cert-ku", "remote-cert-ku a0 88 0x80",
                "remote-cert-eku \"TLS Web Client Authentication\"", "remote-cert-eku 1.3.6.1.5.5.7.3.2", "ns-cert-type client")) {
            assertNotNull(accepted(line), line);
        }
    }

    @Test
    void badNameAndUsageFormsAreRefused() throws Exception {
        assertTrue(refusal("verify-x509-name server cn").problem().contains("unknown X.509 name type 'cn'"));
        assertTrue(refusal("remote-cert-ku zz").problem().contains("'zz'"));
        assertTrue(refusal("remote-cert-ku 0").problem().contains("non-zero"));
        assertTrue(refusal("remote-cert-eku").problem().contains("remote-cert-eku"));
        assertTrue(refusal("ns-cert-type peer").problem().contains("'client' or 'server'"));
    }
}
