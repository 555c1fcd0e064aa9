package dev.culvert.vpn.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.keys.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * management-query-passwords on a client (misc.c get_user_pass_cr): with no file, or a file without
 * the password line, the management client is asked, never the terminal; a complete file or an
 * inline block is read as before.
 */
class ManagementQueriedPasswordTest {
    @TempDir
    Path dir;

    private UserPassAuth auth(String fileContent, AuthRetry retry, ScriptedTerminal terminal) throws Exception {
        List<String> args = List.of();
        if (fileContent != null) {
            Files.writeString(dir.resolve("up.txt"), fileContent);
            args = List.of("up.txt");
        }
        UserPassSource source = UserPassSource.from(new Directive("auth-user-pass", args, dir.resolve("client.conf").toString(), 3, false));
        return new UserPassAuth(new AuthSettings(source, false, retry, null, null), terminal);
    }

    @Test
    void withoutAFileTheManagementClientIsAskedAndNotTheTerminal() throws Exception {
        ScriptedTerminal terminal = new ScriptedTerminal("typed");
        UserPassAuth auth = auth(null, AuthRetry.NONE, terminal);
        assertTrue(auth.askManagement());
        auth.prepare();
        assertTrue(auth.needsAnswer(), "the connection waits for the management client");
        auth.answered(Credentials.of("alice", "pw"));
        assertFalse(auth.needsAnswer());
        assertEquals("pw", new String(auth.next().password(), StandardCharsets.UTF_8));
        assertTrue(terminal.prompts.isEmpty(), "the terminal was never asked");
    }

    @Test
    void aFileWithoutThePasswordLineHasBothAskedAsIn26() throws Exception {
        UserPassAuth auth = auth("alice\n", AuthRetry.NONE, null);
        assertTrue(auth.askManagement());
        assertTrue(auth.needsAnswer());
        auth.answered(Credentials.of("bob", "pw"));
        assertEquals("bob", auth.next().username(), "the management client's username, not the file's");
    }

    @Test
    void aCompleteFileIsReadAsWithoutManagement() throws Exception {
        UserPassAuth auth = auth("alice\npw1\n", AuthRetry.NONE, null);
        assertFalse(auth.askManagement());
        auth.prepare();
        assertFalse(auth.needsAnswer());
        assertEquals("pw1", new String(auth.next().password(), StandardCharsets.UTF_8));
    }

    @Test
    void authRetryInteractAsksAgainAfterAuthFailedAndNointeractDoesNot() throws Exception {
        UserPassAuth interact = auth(null, AuthRetry.INTERACT, null);
        interact.askManagement();
        interact.answered(Credentials.of("alice", "wrong"));
        assertEquals(UserPassAuth.Next.RETRY, interact.authFailed());
        assertTrue(interact.needsAnswer(), "asked again on the next attempt");

        UserPassAuth nointeract = auth(null, AuthRetry.NOINTERACT, null);
        nointeract.askManagement();
        nointeract.answered(Credentials.of("alice", "pw"));
        assertEquals(UserPassAuth.Next.RETRY, nointeract.authFailed());
        assertFalse(nointeract.needsAnswer(), "the same username and password are sent again");
    }

    @Test
    void forgetPasswordsMakesTheNextConnectionAskAgain() throws Exception {
        UserPassAuth auth = auth(null, AuthRetry.NONE, null);
        auth.askManagement();
        auth.answered(Credentials.of("alice", "pw"));
        auth.forget();
        assertTrue(auth.needsAnswer());
    }
}
