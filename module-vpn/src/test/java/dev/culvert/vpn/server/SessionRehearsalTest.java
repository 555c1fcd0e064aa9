package dev.culvert.vpn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.core.aead.JceAeadProvider;
import dev.culvert.core.config.Config;
import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.spi.tls.TlsProvider;
import dev.culvert.ssl.bc.BcTlsProvider;
import dev.culvert.ssl.conscrypt.ConscryptTlsProvider;
import dev.culvert.vpn.config.ServerConfig;
import dev.culvert.vpn.config.ServerFiles;
import dev.culvert.vpn.control.TlsCryptV2Vectors;
import dev.culvert.vpn.pem.StandInClientCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once it listens, the server connects to itself in memory, whole clients through its own runtime
 * (the gate, admission, the client's strand, its address, the push, its exit and removal), so that
 * its first client's connect runs warm code: with every control-channel wrapping, TLS version and
 * address plan a server may have, without running the scripts, touching the counters or routing
 * the addresses that real clients do.
 */
class SessionRehearsalTest {
    @TempDir
    Path dir;
    private final ControlExecutor control = new ControlExecutor(2, 1024);

    @AfterEach
    void close() {
        control.close();
    }

    private ServerConfig server(String lines) throws Exception {
        ServerFiles.write(dir);
        Files.writeString(dir.resolve("v2server.key"), TlsCryptV2Vectors.SERVER_KEY);
        Path file = dir.resolve("server.conf");
        Files.writeString(file, "dev tun\nserver 10.8.0.0 255.255.255.0\nca ca.crt\ncert server.crt\nkey server.key\n"
                + "remote-cert-tls client\n" + lines + "\n");
        return ServerConfig.from(Config.load(file));
    }

    private SessionRehearsal rehearsal(ServerConfig config, TlsProvider tls) {
        return SessionRehearsal.of(config, tls, new JceAeadProvider(), control).orElseThrow();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"tls-crypt ta.key", "tls-auth ta.key 0", "tls-auth ta.key", "tls-crypt-v2 v2server.key", "",
        "tls-crypt ta.key\ntls-version-max 1.2", "tls-crypt ta.key\ndata-ciphers CHACHA20-POLY1305:AES-128-GCM",
        "tls-crypt ta.key\nfragment 1200", "tls-crypt ta.key\ncompress lz4-v2", "tls-crypt ta.key\nproto tcp-server",
        "tls-crypt ta.key\ntopology net30", "tls-crypt ta.key\nserver-ipv6 fd00:8::/64", "tls-crypt ta.key\nexplicit-exit-notify 1",
        "tls-crypt ta.key\nduplicate-cn", "tls-crypt ta.key\nmax-clients 1", "tls-crypt ta.key\nverify-client-cert optional\nscript-security 2\nauth-user-pass-verify /bin/true via-file"})
    void aClientConnectsCarriesAPacketEachWayAndIsRemovedWhenItLeaves(String lines) throws Exception {
        SessionRehearsal rehearsal = rehearsal(server(lines), new BcTlsProvider());
        assertTrue(rehearsal.runOnce(), rehearsal::firstFailure);
        assertTrue(rehearsal.runOnce(), () -> "a second client, from the same settings: " + rehearsal.firstFailure());
        assertTrue(rehearsal.counters().startsWith("admitted 2, connected 2, refused 0,"), rehearsal.counters());
    }

    @Test
    void eachTlsModuleRehearses() throws Exception {
        SessionRehearsal bc = rehearsal(server("tls-crypt ta.key"), new BcTlsProvider());
        assertTrue(bc.runOnce(), bc::firstFailure);
        SessionRehearsal conscrypt = rehearsal(server("tls-crypt ta.key"), new ConscryptTlsProvider());
        assertTrue(conscrypt.runOnce(), conscrypt::firstFailure);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"bc", "conscrypt"})
    void theClientShowsAStandInCertificateTheServersSideDemandsAndChecks(String module) throws Exception {
        // remote-cert-tls client and verify-client-cert require (the default): a client without the certificate is refused.
        SessionRehearsal rehearsal = rehearsal(server("tls-crypt ta.key"), module.equals("bc") ? new BcTlsProvider() : new ConscryptTlsProvider());
        assertTrue(rehearsal.runOnce(), rehearsal::firstFailure);
        assertEquals(StandInClientCertificate.CLIENT_NAME, rehearsal.lastClientName(), "the name the server read from the certificate");
    }

    @Test
    void aServerKeyThatCannotSignAStandInRehearsesAClientWithoutACertificate() throws Exception {
        SessionRehearsal rehearsal = SessionRehearsal.of(server("tls-crypt ta.key"), new BcTlsProvider(), new JceAeadProvider(), control,
                Optional.empty()).orElseThrow();
        assertTrue(rehearsal.runOnce(), rehearsal::firstFailure);
        assertEquals("UNDEF", rehearsal.lastClientName(), "2.6's name for a client without a certificate");
    }

    @Test
    void theServersScriptsChecksAndCountersSeeNothingOfIt() throws Exception {
        Path ran = dir.resolve("ran");
        Path script = dir.resolve("hook.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$script_type\" >> " + ran + "\nexit 0\n");
        assertTrue(script.toFile().setExecutable(true));
        ServerConfig config = server("tls-crypt ta.key\nscript-security 2\ntls-verify " + script
                + "\nauth-user-pass-verify " + script + " via-env\nclient-connect " + script + "\nclient-disconnect " + script
                + "\nlearn-address " + script + "\nverify-x509-name nobody-has-this-name name");
        SessionRehearsal rehearsal = rehearsal(config, new BcTlsProvider());
        assertTrue(rehearsal.runOnce(), rehearsal::firstFailure);
        assertFalse(Files.exists(ran), "no script ran");
        assertEquals(Map.of(), config.certificateRefusals().snapshot(), "nothing counted against real clients");
    }

    @Test
    void aClientConfigDirIsNotReadForIt() throws Exception {
        Path ccd = Files.createDirectory(dir.resolve("ccd"));
        // Files for the names a rehearsal client may have (its stand-in certificate's, or 2.6's for none) must not apply to it.
        Files.writeString(ccd.resolve(StandInClientCertificate.CLIENT_NAME), "disable\n");
        Files.writeString(ccd.resolve("UNDEF"), "disable\n");
        SessionRehearsal rehearsal = rehearsal(server("tls-crypt ta.key\nclient-config-dir " + ccd), new BcTlsProvider());
        assertTrue(rehearsal.runOnce(), rehearsal::firstFailure);
    }

    @Test
    void aDozenClientsRunOneAfterAnother() throws Exception {
        SessionRehearsal rehearsal = rehearsal(server("tls-crypt ta.key"), new BcTlsProvider());
        int connected = rehearsal.runAll(() -> false);
        assertEquals(SessionRehearsal.ROUNDS, connected);
        assertTrue(control.completed() >= SessionRehearsal.ROUNDS, "the server's side ran on the control executor: " + control.completed());
    }

    @Test
    void theServerMakesItsRehearsalOnTheRehearsalsOwnThreadStandInSignaturesIncluded() throws Exception {
        Thread thread = SessionRehearsal.startFor(server("tls-crypt ta.key"), new BcTlsProvider(), new JceAeadProvider(), control,
                () -> false);
        assertEquals("culvert-session-rehearsal", thread.getName());
        thread.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(thread.isAlive(), "twelve clients within a minute");
        assertTrue(control.completed() >= SessionRehearsal.ROUNDS, "the server's side ran on the control executor: " + control.completed());
    }

    @Test
    void aRehearsalThatCannotBeMadeEndsItsThreadWithALineNotAnUncaughtException() throws Exception {
        AtomicReference<Throwable> uncaught = new AtomicReference<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.set(e));
        try {
            // No configuration at all: making the rehearsal throws on its own thread.
            Thread thread = SessionRehearsal.startFor(null, new BcTlsProvider(), new JceAeadProvider(), control, () -> false);
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(thread.isAlive());
            assertNull(uncaught.get());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void aServerThatStopsEndsItsRehearsal() throws Exception {
        SessionRehearsal rehearsal = rehearsal(server("tls-crypt ta.key"), new BcTlsProvider());
        control.close();
        assertEquals(0, rehearsal.runAll(() -> false));
    }

    @Test
    void aRealClientEndsTheRehearsalBeforeItsNextClient() throws Exception {
        SessionRehearsal rehearsal = rehearsal(server("tls-crypt ta.key"), new BcTlsProvider());
        AtomicInteger asked = new AtomicInteger();
        // A real client is admitted while the third rehearsal client runs.
        assertEquals(3, rehearsal.runAll(() -> asked.incrementAndGet() > 3));
        assertTrue(rehearsal.counters().startsWith("admitted 3, connected 3,"), rehearsal.counters());
    }

    @Test
    void aTlsModuleThatCannotMakeEnginesLeavesOnlyAColderFirstConnect() throws Exception {
        assertFalse(rehearsal(server("tls-crypt ta.key"), new EnginelessTls()).runOnce());
    }
}
