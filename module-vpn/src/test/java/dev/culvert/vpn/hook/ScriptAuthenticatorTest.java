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
import java.util.concurrent.CompletableFuture;
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
                Scripts.of(Map.of("dev", "tun0"), tmp(), Duration.ofSeconds(10)), Duration.ofSeconds(10), TIMER);
    }

    /** The control timer in tests: the JDK's delayed executor. */
    static final ControlTimer TIMER = (delay, task) -> CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS).execute(task);

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
                false, Scripts.of(Map.of(), tmp(), Duration.ofMillis(300)), Duration.ofMillis(300), TIMER);
        AuthVerdict v = ask(auth, "dave", "x");
        assertFalse(v.accepted());
        assertTrue(v.reason().contains("killed"), v.reason());
    }

    @Test
    void anUnwritableTmpDirIsARefusalThatSaysSo() throws Exception {
        Path script = script("exit 0");
        ScriptAuthenticator auth = new ScriptAuthenticator(ScriptCommand.parse(script.toString()), ScriptAuthenticator.Method.VIA_FILE,
                false, Scripts.of(Map.of(), dir.resolve("no-such-dir"), Duration.ofSeconds(5)), Duration.ofSeconds(5), TIMER);
        AuthVerdict v = ask(auth, "erin", "x");
        assertFalse(v.accepted());
        assertTrue(v.reason().contains("tmp-dir"), v.reason());
    }

    // ---- deferred verdicts (exit 2, then auth_control_file) ---------------------------------

    private ScriptAuthenticator deferring(Path script, Duration window) throws Exception {
        return new ScriptAuthenticator(ScriptCommand.parse(script.toString()), ScriptAuthenticator.Method.VIA_FILE, false,
                Scripts.of(Map.of(), tmp(), Duration.ofSeconds(10)), window, TIMER);
    }

    private List<Path> leftInTmp() throws Exception {
        try (Stream<Path> left = Files.list(tmp())) {
            return left.toList();
        }
    }

    @Test
    void aDeferredScriptThatLaterWrites1AcceptsAndItsFilesGo() throws Exception {
        Path seen = dir.resolve("modes");
        Path script = script("stat -c %a \"$auth_control_file\" \"$auth_pending_file\" \"$auth_failed_reason_file\" > " + seen + "\n"
                + "(sleep 0.3; echo 1 > \"$auth_control_file\") >/dev/null 2>&1 &\nexit 2");
        AuthVerdict v = ask(deferring(script, Duration.ofSeconds(20)), "frank", "x");
        assertTrue(v.accepted(), v.reason());
        assertTrue(v.reason().contains("wrote 1 to auth_control_file"), v.reason());
        assertEquals(List.of("600", "600", "600"), Files.readAllLines(seen), "each file is the node's user's only");
        assertEquals(List.of(), leftInTmp(), "the control, pending and reason files are removed");
    }

    @Test
    void aDeferredScriptThatLaterWrites0RefusesWithItsReason() throws Exception {
        Path script = script("(sleep 0.3; echo 'ask the help desk' > \"$auth_failed_reason_file\"; echo 0 > \"$auth_control_file\")"
                + " >/dev/null 2>&1 &\nexit 2");
        AuthVerdict v = ask(deferring(script, Duration.ofSeconds(20)), "grace", "x");
        assertFalse(v.accepted());
        assertTrue(v.reason().contains("wrote 0 to auth_control_file"), v.reason());
        assertEquals("ask the help desk", v.clientReason());
        assertEquals(List.of(), leftInTmp());
    }

    @Test
    void aDeferredVerdictNeverWrittenIsARefusalAtTheWindowAndItsFilesGo() throws Exception {
        Path script = script("exit 2");
        AuthVerdict v = ask(deferring(script, Duration.ofMillis(400)), "heidi", "x");
        assertFalse(v.accepted());
        assertTrue(v.reason().contains("wrote no verdict to auth_control_file within 400 ms"), v.reason());
        assertEquals(List.of(), leftInTmp());
    }

    @Test
    void aVerdictWrittenAfterTheWindowCountsForNothing() throws Exception {
        Path script = script("(sleep 1; echo 1 > \"$auth_control_file\") >/dev/null 2>&1 &\nexit 2");
        AuthVerdict v = ask(deferring(script, Duration.ofMillis(200)), "ivan", "x");
        assertFalse(v.accepted(), "the window passed before the script's 1");
    }

    @Test
    void aClientThatLeavesWhileItsVerdictIsDeferredTakesItsFilesWithIt() throws Exception {
        Path started = dir.resolve("started");
        Path script = script("echo \"$auth_control_file\" > " + started + "\nexit 2");
        AuthRequest request = new AuthRequest(1, "", "judy", "x".getBytes(StandardCharsets.UTF_8), new InetSocketAddress("192.0.2.7", 40001),
                Map.of(), 0);
        CompletableFuture<AuthVerdict> asked = deferring(script, Duration.ofSeconds(60)).authenticate(request).toCompletableFuture();
        // The script ran and left the verdict deferred: the control file is there and waited on.
        Path control = awaitControlFileNamedIn(started);
        assertTrue(Files.exists(control));
        assertFalse(asked.isDone());
        asked.cancel(false); // what the server does when the client leaves
        assertEquals(List.of(), leftInTmp(), "no file outlives the client");
    }

    /** The control file's name, once the script wrote it and the script ended (its credentials file is gone then). */
    private Path awaitControlFileNamedIn(Path started) throws Exception {
        while (!Files.exists(started) || Files.readAllLines(started).isEmpty()
                || leftInTmp().stream().anyMatch(p -> p.getFileName().toString().startsWith("openvpn_up_"))) {
            Thread.sleep(20);
        }
        return Path.of(Files.readAllLines(started).get(0));
    }

    @Test
    void aScriptThatAsksForPendingAuthIsRefusedWithTheReason() throws Exception {
        Path script = script("printf '120\\nopenurl\\nOPEN_URL:https://sso.example/\\n' > \"$auth_pending_file\"\nexit 2");
        AuthVerdict v = ask(deferring(script, Duration.ofSeconds(20)), "mallory", "x");
        assertFalse(v.accepted());
        assertTrue(v.reason().contains("auth_pending_file"), v.reason());
        assertEquals(List.of(), leftInTmp());
    }
}
