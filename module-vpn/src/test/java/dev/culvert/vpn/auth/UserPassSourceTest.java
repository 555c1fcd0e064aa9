package dev.culvert.vpn.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.config.Directive;
import dev.culvert.vpn.keys.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth-user-pass's file, inline block and terminal, read as OpenVPN 2.6's get_user_pass_cr reads them. */
class UserPassSourceTest {
    @TempDir
    Path dir;

    private Directive line(String... args) {
        return new Directive("auth-user-pass", List.of(args), dir.resolve("client.conf").toString(), 7, false);
    }

    private Directive fileLine(String content) throws IOException {
        Files.writeString(dir.resolve("up.txt"), content);
        return line("up.txt");
    }

    private static String password(Credentials c) {
        return new String(c.password(), StandardCharsets.UTF_8);
    }

    @Test
    void aFileGivesTheUsernameOnLineOneAndThePasswordOnLineTwo() throws Exception {
        Credentials c = UserPassSource.from(fileLine("alice\ns3cret pass\n")).read(null);
        assertEquals("alice", c.username());
        assertEquals("s3cret pass", password(c), "spaces are part of the password");
    }

    @Test
    void carriageReturnsAndAMissingLastNewlineAreCut() throws Exception {
        Credentials c = UserPassSource.from(fileLine("alice\r\ns3cret\r\n")).read(null);
        assertEquals("alice", c.username());
        assertEquals("s3cret", password(c));
        assertEquals("pw", password(UserPassSource.from(fileLine("bob\npw")).read(null)));
    }

    @Test
    void anEmptySecondLineIsAnEmptyPasswordAndNothingIsAsked() throws Exception {
        ScriptedTerminal terminal = new ScriptedTerminal("never");
        Credentials c = UserPassSource.from(fileLine("alice\n\n")).read(terminal);
        assertEquals(0, c.password().length);
        assertTrue(terminal.prompts.isEmpty());
    }

    @Test
    void aFileWithOnlyTheUsernameHasThePasswordAskedOnTheTerminal() throws Exception {
        ScriptedTerminal terminal = new ScriptedTerminal("typed");
        Credentials c = UserPassSource.from(fileLine("alice\n")).read(terminal);
        assertEquals("alice", c.username());
        assertEquals("typed", password(c));
        assertEquals(List.of("Enter Auth Password: "), terminal.prompts);
    }

    @Test
    void aOneLineFileWithoutATerminalIsRefusedNamingTheFileAndTheFix() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> UserPassSource.from(fileLine("alice\n")).read(null));
        assertTrue(e.getMessage().contains("client.conf:7"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("up.txt").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no password on line 2") && e.getMessage().contains("add the password on line 2"), e.getMessage());
    }

    @Test
    void aMissingFileIsRefusedNamingItAndTheFix() {
        ConfigException e = assertThrows(ConfigException.class, () -> UserPassSource.from(line("absent.txt")).check());
        assertTrue(e.getMessage().contains(dir.resolve("absent.txt").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("username on line 1 and the password on line 2"), e.getMessage());
    }

    @Test
    void anEmptyUsernameIsRefused() throws Exception {
        Directive d = fileLine("\nsecret\n");
        ConfigException e = assertThrows(ConfigException.class, () -> UserPassSource.from(d).read(null));
        assertTrue(e.getMessage().contains("empty username"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "the password never appears in an error: " + e.getMessage());
    }

    @Test
    void aPasswordLongerThanOpenVpnTakesIsRefusedWithoutShowingIt() throws Exception {
        String longPassword = "p".repeat(128);
        Directive d = fileLine("alice\n" + longPassword + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> UserPassSource.from(d).read(null));
        assertTrue(e.getMessage().contains("longer than 127"), e.getMessage());
        assertFalse(e.getMessage().contains(longPassword));
        assertEquals(127, UserPassSource.from(fileLine("alice\n" + "p".repeat(127))).read(null).password().length);
    }

    @Test
    void checkReadsTheFileWithoutAskingForAMissingPassword() throws Exception {
        UserPassSource.from(fileLine("alice\n")).check();
    }

    @Test
    void anInlineBlockReadsAsAFile() throws Exception {
        Directive inline = new Directive("auth-user-pass", List.of("carol\nblock-pass\n"), "client.conf", 9, true);
        Credentials c = UserPassSource.from(inline).read(null);
        assertEquals("carol", c.username());
        assertEquals("block-pass", password(c));
        assertEquals("the inline <auth-user-pass> block", UserPassSource.from(inline).toString());
    }

    @Test
    void withoutAFileBothAreAskedOnTheTerminal() throws Exception {
        ScriptedTerminal terminal = new ScriptedTerminal("dave", "typed-pass");
        Credentials c = UserPassSource.from(line()).read(terminal);
        assertEquals("dave", c.username());
        assertEquals("typed-pass", password(c));
        assertEquals(List.of("Enter Auth Username: ", "Enter Auth Password: "), terminal.prompts);
    }

    @Test
    void withoutAFileAndWithoutATerminalTheReasonAndTheFixAreGiven() {
        ConfigException e = assertThrows(ConfigException.class, () -> UserPassSource.from(line()).read(null));
        assertTrue(e.getMessage().contains("has none"), e.getMessage());
        assertTrue(e.getMessage().contains("auth-user-pass FILE"), e.getMessage());
    }

    @Test
    void moreThanOneArgumentIsRefused() {
        assertThrows(ConfigException.class, () -> UserPassSource.from(line("a", "b")));
    }
}
