package dev.culvert.vpn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.config.Config;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.vpn.keys.OccOptionsString;
import dev.culvert.vpn.session.PeerCertificateVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tls-verify, tls-export-cert and x509-track lines, checked as 2.6 checks them at start. */
class CertificateScriptsTest {
    private static final String SERVER = "dev tun\nserver 10.8.0.0 255.255.255.0\nca ca.crt\ncert server.crt\nkey server.key\ndh dh2048.pem\n";

    @TempDir
    Path dir;

    private Path script() throws Exception {
        Path script = dir.resolve("verify.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private ServerConfig load(String lines) throws Exception {
        ServerFiles.write(dir);
        Path file = dir.resolve("server.conf");
        Files.writeString(file, SERVER + lines);
        Config config = Config.load(file);
        List<ConfigException> problems = config.validate(ServerConfigTest.HANDLERS);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        return ServerConfig.from(config);
    }

    /** The line of {@code lines} that a refusal names: the server's own lines come first. */
    private static String line(int n) {
        return "server.conf:" + (SERVER.split("\n").length + n);
    }

    private PeerCertificateVerifier verifier(ServerConfig c) {
        return c.toSessionSettings(new BcTlsProvider(), new JceAeadProvider(), new SecureRandom(), OccOptionsString.Transport.UDP,
                (info, cipher, ekm, ccExit) -> List.of("PUSH_REPLY")).common().peerVerifier();
    }

    @Test
    void tlsVerifyMakesTheSessionsWaitForTheScript() throws Exception {
        script();
        ServerConfig c = load("script-security 2\ntls-verify \"verify.sh,cn-list\"\ntls-export-cert .\nx509-track +SHA256\n");
        PeerCertificateVerifier v = verifier(c);
        assertNotEquals(PeerCertificateVerifier.NONE, v);
        assertTrue(v.toString().contains("tls-export-cert " + dir), v.toString());
        assertEquals(PeerCertificateVerifier.NONE, verifier(load("")), "without the line nothing waits");
    }

    @Test
    void belowScriptSecurity2TheLineIsRefusedSince26WouldRefuseEveryPeer() throws Exception {
        script();
        ConfigException e = assertThrows(ConfigException.class, () -> load("tls-verify verify.sh\n"));
        assertTrue(e.getMessage().contains(line(1)) && e.getMessage().contains("script-security 1' (the default)")
                && e.getMessage().contains("refuse every peer"), e.getMessage());
        assertTrue(e.fix().contains("script-security 2"), e.fix());
        ConfigException zero = assertThrows(ConfigException.class, () -> load("script-security 0\ntls-verify verify.sh\n"));
        assertTrue(zero.getMessage().contains(line(2)) && !zero.getMessage().contains("default"), zero.getMessage());
    }

    @Test
    void aMissingScriptIsNamedAtItsLine() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> load("script-security 2\ntls-verify nope.sh\n"));
        assertTrue(e.getMessage().contains(line(2)) && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aBadExportDirectoryIsNamedWithTheFix() throws Exception {
        script();
        ConfigException missing = assertThrows(ConfigException.class,
                () -> load("script-security 2\ntls-verify verify.sh\ntls-export-cert no-such-dir\n"));
        assertTrue(missing.getMessage().contains(line(3)) && missing.getMessage().contains(dir.resolve("no-such-dir").toString()),
                missing.getMessage());
        assertTrue(missing.fix().contains("mkdir -m 700"), missing.fix());
        Files.writeString(dir.resolve("a-file"), "");
        ConfigException file = assertThrows(ConfigException.class, () -> load("tls-export-cert a-file\n"));
        assertTrue(file.getMessage().contains(line(1)) && file.getMessage().contains("not a writable directory"), file.getMessage());
        ConfigException twoArgs = assertThrows(ConfigException.class, () -> load("tls-export-cert a b\n"));
        assertTrue(twoArgs.getMessage().contains(line(1)), twoArgs.getMessage());
    }

    @Test
    void anExtensionOrUnknownAttributeIsRefusedWithTheWayToReadIt() throws Exception {
        ConfigException extension = assertThrows(ConfigException.class, () -> load("x509-track subjectAltName\n"));
        assertTrue(extension.getMessage().contains(line(1)) && extension.getMessage().contains("extension"), extension.getMessage());
        assertTrue(extension.fix().contains("tls-export-cert"), extension.fix());
        assertThrows(ConfigException.class, () -> load("x509-track bogus\n"));
    }

    @Test
    void trackedFieldsThatAnotherScriptWouldMissAreRefused() throws Exception {
        script();
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("script-security 2\ntls-verify verify.sh\nx509-track emailAddress\nclient-connect verify.sh\n"));
        assertTrue(e.getMessage().contains(line(3)) && e.getMessage().contains("'client-connect' (")
                && e.getMessage().contains(line(4) + ")"), e.getMessage());
        assertTrue(e.fix().contains("tls-verify"), e.fix());
    }
}
