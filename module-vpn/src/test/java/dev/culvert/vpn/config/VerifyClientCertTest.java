package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.tls.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** options.c's verify-client-cert: what a server's TLS asks of its clients, and what else it needs then. */
class VerifyClientCertTest {
    @TempDir
    Path dir;

    private ServerConfig server(String lines) throws Exception {
        Path script = dir.resolve("check.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return ServerConfig.from(Config.of(ServerFiles.inlinePki() + "dev tun\nserver 10.8.0.0 255.255.255.0\ntmp-dir " + dir + "\n"
                + lines.replace("SCRIPT", script.toString()), "s.conf"));
    }

    @Test
    void requireIsTheDefaultAndDemandsACertificate() throws Exception {
        ServerConfig c = server("");
        assertEquals(VerifyClientCert.REQUIRE, c.clientCertificate());
        TlsSettings tls = c.tlsSettings();
        assertTrue(tls.requirePeerCertificate());
        assertTrue(tls.requestPeerCertificate());
    }

    @Test
    void optionalAsksAndNoneDoesNotWithAScriptToAuthenticate() throws Exception {
        TlsSettings optional = server("script-security 2\nauth-user-pass-verify SCRIPT via-file\nverify-client-cert optional\n").tlsSettings();
        assertFalse(optional.requirePeerCertificate());
        assertTrue(optional.requestPeerCertificate());
        TlsSettings none = server("script-security 2\nauth-user-pass-verify SCRIPT via-file\nverify-client-cert none\n").tlsSettings();
        assertFalse(none.requirePeerCertificate());
        assertFalse(none.requestPeerCertificate());
        assertEquals(VerifyClientCert.NONE, server("management 127.0.0.1 7505\nmanagement-client-auth\nverify-client-cert none\n")
                .clientCertificate(), "management-client-auth authenticates too");
    }

    @Test
    void withoutAnythingElseToAuthenticateNoneIsRefusedAs26RefusesIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> server("verify-client-cert none\n"));
        assertTrue(e.getMessage().contains("must be used with --management-client-auth"), e.getMessage());
        assertThrows(ConfigException.class, () -> server("script-security 2\nauth-user-pass-verify SCRIPT via-file\nverify-client-cert maybe\n"));
    }
}
