package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.config.Config;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.vpn.config.ServerConfig;
import dev.culvert.vpn.config.ServerFiles;
import dev.culvert.vpn.control.TlsCryptV2Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once it listens, the server connects to itself in memory, whole sessions, so that its first
 * client's connect runs warm code: with every control-channel wrapping and TLS version a server
 * may have, without running the scripts or touching the counters that real clients do.
 */
class SessionRehearsalTest {
    @TempDir
    Path dir;

    private ServerConfig server(String lines) throws Exception {
        ServerFiles.write(dir);
        Files.writeString(dir.resolve("v2server.key"), TlsCryptV2Vectors.SERVER_KEY);
        Path file = dir.resolve("server.conf");
        Files.writeString(file, "dev tun\nserver 10.8.0.0 255.255.255.0\nca ca.crt\ncert server.crt\nkey server.key\n"
                + "remote-cert-tls client\n" + lines + "\n");
        return ServerConfig.from(Config.load(file));
    }

    private static SessionRehearsal rehearsal(ServerConfig config, TlsProvider tls) {
        return SessionRehearsal.of(config, tls, new JceAeadProvider()).orElseThrow();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"tls-crypt ta.key", "tls-auth ta.key 0", "tls-auth ta.key", "tls-crypt-v2 v2server.key", "",
        "tls-crypt ta.key\ntls-version-max 1.2", "tls-crypt ta.key\ndata-ciphers CHACHA20-POLY1305:AES-128-GCM",
        "tls-crypt ta.key\nfragment 1200", "tls-crypt ta.key\ncompress lz4-v2", "tls-crypt ta.key\nproto tcp-server"})
    void aSessionConnectsAndCarriesAPacketEachWay(String lines) throws Exception {
        SessionRehearsal rehearsal = rehearsal(server(lines), new BcTlsProvider());
        assertTrue(rehearsal.runOnce());
        assertTrue(rehearsal.runOnce(), "a second session, from the same settings");
    }

    @Test
    void theServersClientChecksAndScriptsSeeNothingOfIt() throws Exception {
        Path ran = dir.resolve("ran");
        Path script = dir.resolve("verify.sh");
        Files.writeString(script, "#!/bin/sh\ntouch " + ran + "\nexit 0\n");
        assertTrue(script.toFile().setExecutable(true));
        ServerConfig config = server("tls-crypt ta.key\nscript-security 2\ntls-verify " + script
                + "\nauth-user-pass-verify " + script + " via-env\nverify-x509-name nobody-has-this-name name");
        assertTrue(rehearsal(config, new BcTlsProvider()).runOnce());
        assertFalse(Files.exists(ran), "no script ran");
        assertEquals(Map.of(), config.certificateRefusals().snapshot(), "nothing counted against real clients");
    }

    @Test
    void aDozenSessionsRunOnTheControlExecutorOneTaskEach() throws Exception {
        ControlExecutor control = new ControlExecutor(1, 64);
        try {
            int connected = rehearsal(server("tls-crypt ta.key"), new BcTlsProvider()).runOn(control).get(60, TimeUnit.SECONDS);
            assertEquals(SessionRehearsal.ROUNDS, connected);
            control.submit("after the rehearsal", () -> null).get(10, TimeUnit.SECONDS);
            assertTrue(control.completed() >= SessionRehearsal.ROUNDS, "tasks run: " + control.completed());
        } finally {
            control.close();
        }
    }

    @Test
    void aTlsModuleThatCannotMakeEnginesLeavesOnlyAColderFirstConnect() throws Exception {
        assertFalse(rehearsal(server("tls-crypt ta.key"), new EnginelessTls()).runOnce());
    }
}
