package dev.culvert.vpn.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.keys.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a running client sends in key method 2 and how it answers AUTH_FAILED, as 2.6 does. */
class UserPassAuthTest {
    @TempDir
    Path dir;

    private UserPassAuth auth(String content, boolean noCache, AuthRetry retry, Terminal terminal) throws Exception {
        Files.writeString(dir.resolve("up.txt"), content);
        UserPassSource source = UserPassSource.from(new Directive("auth-user-pass", List.of("up.txt"),
                dir.resolve("client.conf").toString(), 3, false));
        UserPassAuth auth = new UserPassAuth(new AuthSettings(source, noCache, retry, null, null), terminal);
        auth.prepare();
        return auth;
    }

    private static String password(Credentials c) {
        return new String(c.password(), StandardCharsets.UTF_8);
    }

    @Test
    void eachMessageGetsItsOwnCopyWhichItsReceiverWipes() throws Exception {
        UserPassAuth auth = auth("alice\npw1\n", false, AuthRetry.NONE, null);
        Credentials first = auth.next();
        first.wipe();
        assertArrayEquals(new byte[3], first.password(), "wiped");
        assertEquals("pw1", password(auth.next()), "the kept password is not the copy");
    }

    @Test
    void withoutAuthNocacheThePasswordIsKeptForRenegotiations() throws Exception {
        UserPassAuth auth = auth("alice\npw1\n", false, AuthRetry.NONE, null);
        auth.next();
        auth.connected();
        Files.writeString(dir.resolve("up.txt"), "alice\nchanged\n");
        assertEquals("pw1", password(auth.next()));
    }

    @Test
    void withAuthNocacheThePasswordIsForgottenOnceConnectedAndReadAgainWhenNeeded() throws Exception {
        UserPassAuth auth = auth("alice\npw1\n", true, AuthRetry.NONE, null);
        assertEquals("pw1", password(auth.next()), "kept until the PUSH_REPLY, as a token may come with it");
        auth.connected();
        Files.writeString(dir.resolve("up.txt"), "alice\npw2\n");
        assertEquals("pw2", password(auth.next()), "a renegotiation reads the file again");
        Files.writeString(dir.resolve("up.txt"), "alice\npw3\n");
        assertEquals("pw3", password(auth.next()), "and forgets it again after use");
    }

    @Test
    void withAuthNocacheATerminalIsAskedAgain() throws Exception {
        ScriptedTerminal terminal = new ScriptedTerminal("first", "second");
        UserPassAuth auth = auth("alice\n", true, AuthRetry.NONE, terminal);
        auth.next();
        auth.connected();
        assertEquals("second", password(auth.next()));
        assertEquals(2, terminal.prompts.size());
    }

    @Test
    void aPushedTokenTakesThePasswordsPlaceWithTheSameUsername() throws Exception {
        UserPassAuth auth = auth("alice\npw1\n", true, AuthRetry.NONE, null);
        auth.next();
        auth.tokenPushed("SESS_ID_AT_abc", null);
        auth.connected();
        Credentials c = auth.next();
        assertEquals("alice", c.username());
        assertEquals("SESS_ID_AT_abc", password(c));
        assertTrue(auth.hasToken());
    }

    @Test
    void authTokenUserGivesTheTokensUsername() throws Exception {
        UserPassAuth auth = auth("alice\npw1\n", false, AuthRetry.NONE, null);
        auth.next();
        auth.tokenPushed("T1", Base64.getEncoder().encodeToString("bob".getBytes(StandardCharsets.UTF_8)));
        assertEquals("bob", auth.next().username());
        auth.tokenPushed("T2", "not base64 !");
        assertEquals("alice", auth.next().username(), "an unreadable auth-token-user leaves the username sent so far");
    }

    @Test
    void authFailedWithATokenDropsItAndRetriesWithThePassword() throws Exception {
        UserPassAuth auth = auth("alice\npw1\n", false, AuthRetry.NONE, null);
        auth.tokenPushed("expired", null);
        assertEquals(UserPassAuth.Next.RETRY, auth.authFailed());
        assertFalse(auth.hasToken());
        assertEquals("pw1", password(auth.next()));
    }

    @Test
    void authFailedWithAuthRetryNoneExits() throws Exception {
        assertEquals(UserPassAuth.Next.EXIT, auth("alice\npw1\n", false, AuthRetry.NONE, null).authFailed());
    }

    @Test
    void authFailedWithNointeractRetriesWithTheSameCredentials() throws Exception {
        UserPassAuth auth = auth("alice\npw1\n", false, AuthRetry.NOINTERACT, null);
        assertEquals(UserPassAuth.Next.RETRY, auth.authFailed());
        Files.writeString(dir.resolve("up.txt"), "alice\nchanged\n");
        auth.prepare();
        assertEquals("pw1", password(auth.next()));
    }

    @Test
    void authFailedWithInteractTakesThemAgain() throws Exception {
        ScriptedTerminal terminal = new ScriptedTerminal("wrong", "right");
        UserPassAuth auth = auth("alice\n", false, AuthRetry.INTERACT, terminal);
        assertEquals("wrong", password(auth.next()));
        assertEquals(UserPassAuth.Next.RETRY, auth.authFailed());
        auth.prepare();
        assertEquals("right", password(auth.next()));
    }

    @Test
    void aClientWithoutAuthUserPassSendsNothingAndExitsOnAuthFailedByDefault() {
        UserPassAuth auth = new UserPassAuth(new AuthSettings(null, false, AuthRetry.NONE, null, null), null);
        assertFalse(auth.sendsCredentials());
        assertEquals(UserPassAuth.Next.EXIT, auth.authFailed());
    }

    @Test
    void aTokenFromTheFileIsSentFromTheFirstMessage() throws Exception {
        Files.writeString(dir.resolve("up.txt"), "alice\npw1\n");
        UserPassSource source = UserPassSource.from(new Directive("auth-user-pass", List.of("up.txt"),
                dir.resolve("client.conf").toString(), 3, false));
        UserPassAuth auth = new UserPassAuth(new AuthSettings(source, false, AuthRetry.NONE, "FILETOKEN", null), null);
        auth.prepare();
        Credentials c = auth.next();
        assertEquals("alice", c.username());
        assertEquals("FILETOKEN", password(c));
    }

    @Test
    void wipeForgetsPasswordAndToken() throws Exception {
        UserPassAuth auth = auth("alice\npw1\n", false, AuthRetry.NONE, null);
        auth.tokenPushed("T", null);
        auth.wipe();
        assertFalse(auth.hasToken());
        assertFalse(auth.toString().contains("pw1"));
    }
}
