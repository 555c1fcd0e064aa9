package dev.culvert.vpn.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.hook.AuthRequest;
import dev.culvert.spi.hook.AuthVerdict;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth-user-pass-verify as 2.6 runs it: exit 0 accepts, via-file hands a private file, via-env the variables. */
class ScriptAuthenticatorTest {
    @TempDir
    Path dir;

    private Path script(String body) throws Exception {
        Path file = dir.resolve("verify.sh");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private Path tmp() throws Exception {
        return Files.createDirectories(dir.resolve("tmp"));
    }

    private AuthVerdict ask(ScriptAuthenticator authenticator, String user, String password) throws Exception {
        AuthRequest request = new AuthRequest(1, "client-cert", user, password.getBytes(StandardCharsets.UTF_8),
                new InetSocketAddress("192.0.2.7", 40001), Map.of("IV_VER", "2.6.14", "IV_PLAT", "linux", "LD_PRELOAD", "/evil.so"), 0);
        return authenticator.authenticate(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private ScriptAuthenticator authenticator(Path script, ScriptAuthenticator.Method method, boolean passwordInEnv) throws Exception {
        return new ScriptAuthenticator(ScriptCommand.parse(script.toString()), method, passwordInEnv,
                Scripts.of(Map.of("dev", "tun0"), tmp(), Duration.ofSeconds(10)));
    }

    @Test
    void viaFileHandsTheScriptAPrivateFileWithUsernameAndPasswordAndRemovesIt() throws Exception {
        Path seen = dir.resolve("seen");
        Path script = script("cp \"$1\" " + seen + "; stat -c %a \"$1\" >> " + seen + "\n"
                + "[ \"$(head -1 \"$1\")\" = alice ] && [ \"$(sed -n 2p \"$1\")\" = 'open sesame' ]");
        ScriptAuthenticator auth = authenticator(script, ScriptAuthenticator.Method.VIA_FILE, false);
        AuthVerdict accepted = ask(auth, "alice", "open sesame");
        assertTrue(accepted.accepted(), accepted.reason());
        assertEquals(List.of("alice", "open sesame", "600"), Files.readAllLines(seen));
        AuthVerdict refused = ask(auth, "alice", "wrong");
        assertFalse(refused.accepted());
        assertTrue(refused.reason().contains("exited 1"), refused.reason());
        try (Stream<Path> left = Files.list(tmp())) {
            assertEquals(List.of(), left.toList(), "no file is left in tmp-dir");
        }
    }

    @Test
    void aClientCannotSlipALineIntoTheFile() throws Exception {
        Path script = script("[ \"$(head -1 \"$1\")\" = alice ] && [ \"$(sed -n 2p \"$1\")\" = wonderland ]");
        ScriptAuthenticator auth = authenticator(script, ScriptAuthenticator.Method.VIA_FILE, false);
        assertTrue(ask(auth, "alice", "wonderland").accepted(), "the script is right");
        assertFalse(ask(auth, "alice\nwonderland", "").accepted(), "a newline in the username is not a second line");
        assertFalse(ask(auth, "alice", "wonderland\nmore").accepted(), "nor one in the password");
    }

    @Test
    void viaEnvGivesThePasswordOnlyUnderScriptSecurity3() throws Exception {
        Path seen = dir.resolve("env");
        Path script = script("env > " + seen + "; [ \"$username\" = bob ] && [ \"$password\" = pw ]");
        assertTrue(ask(authenticator(script, ScriptAuthenticator.Method.VIA_ENV, true), "bob", "pw").accepted());
        List<String> env = Files.readAllLines(seen);
        assertTrue(env.containsAll(List.of("script_type=user-pass-verify", "username=bob", "common_name=client-cert",
                "untrusted_ip=192.0.2.7", "untrusted_port=40001", "IV_VER=2.6.14", "IV_PLAT=linux", "dev=tun0")), env.toString());
        assertFalse(env.stream().anyMatch(l -> l.startsWith("LD_PRELOAD")), "a client cannot name other variables");
        assertFalse(ask(authenticator(script, ScriptAuthenticator.Method.VIA_ENV, false), "bob", "pw").accepted(),
                "below script-security 3 the script sees no password");
        assertFalse(Files.readAllLines(seen).stream().anyMatch(l -> l.startsWith("password=")));
    }

    @Test
    void aReasonTheScriptWritesIsWhatTheClientIsTold() throws Exception {
        Path script = script("echo 'account expired' > \"$auth_failed_reason_file\"; exit 1");
        AuthVerdict refused = ask(authenticator(script, ScriptAuthenticator.Method.VIA_FILE, false), "carol", "x");
        assertFalse(refused.accepted());
        assertEquals("account expired", refused.clientReason());
    }

    @Test
    void aReasonWithControlCharactersIsNotPassedOn() throws Exception {
        Path script = script("printf 'bad\\033[31m' > \"$auth_failed_reason_file\"; exit 1");
        assertNull(ask(authenticator(script, ScriptAuthenticator.Method.VIA_FILE, false), "carol", "x").clientReason());
    }

    @Test
    void aHangingScriptIsARefusalAtItsLimit() throws Exception {
        Path script = script("sleep 60");
        ScriptAuthenticator auth = new ScriptAuthenticator(ScriptCommand.parse(script.toString()), ScriptAuthenticator.Method.VIA_FILE,
                false, Scripts.of(Map.of(), tmp(), Duration.ofMillis(300)));
        AuthVerdict v = ask(auth, "dave", "x");
        assertFalse(v.accepted());
        assertTrue(v.reason().contains("killed"), v.reason());
    }

    @Test
    void anUnwritableTmpDirIsARefusalThatSaysSo() throws Exception {
        Path script = script("exit 0");
        ScriptAuthenticator auth = new ScriptAuthenticator(ScriptCommand.parse(script.toString()), ScriptAuthenticator.Method.VIA_FILE,
                false, Scripts.of(Map.of(), dir.resolve("no-such-dir"), Duration.ofSeconds(5)));
        AuthVerdict v = ask(auth, "erin", "x");
        assertFalse(v.accepted());
        assertTrue(v.reason().contains("tmp-dir"), v.reason());
    }
}
