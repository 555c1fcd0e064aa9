package dev.culvert.example.userauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.culvert.spi.hook.AuthRequest;
import dev.culvert.spi.hook.AuthVerdict;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file and the authenticator over it. */
class UserListTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("users");
        Files.writeString(f, text);
        return f;
    }

    private static String line(String user, String password) {
        return user + " " + PasswordHash.of(password.toCharArray(), PasswordHash.MIN_ITERATIONS) + "\n";
    }

    @Test
    void aListedUserWithTheRightPasswordIsAcceptedAndNoOneElse() throws Exception {
        UserList users = UserList.load(file("# the VPN's users\n\n" + line("alice", "open sesame") + line("bob", "hunter2")));
        assertEquals(2, users.size());
        assertTrue(users.accepts("alice", "open sesame".getBytes(StandardCharsets.UTF_8)));
        assertFalse(users.accepts("alice", "hunter2".getBytes(StandardCharsets.UTF_8)));
        assertFalse(users.accepts("mallory", "open sesame".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aHashReadsBackAsItWasWritten() {
        PasswordHash h = PasswordHash.of("pw".toCharArray(), PasswordHash.MIN_ITERATIONS);
        PasswordHash again = PasswordHash.parse(h.toString());
        assertTrue(again.matches("pw".getBytes(StandardCharsets.UTF_8)));
        assertTrue(h.toString().startsWith("pbkdf2-sha256$10000$"));
    }

    @Test
    void aBadLineRefusesTheFileNamingTheLine() throws Exception {
        IOException name = assertThrows(IOException.class, () -> UserList.load(file(line("alice", "a") + "bad name here\n")));
        assertTrue(name.getMessage().contains("users:2:"), name.getMessage());
        IOException hash = assertThrows(IOException.class, () -> UserList.load(file("carol md5$abc\n")));
        assertTrue(hash.getMessage().contains("users:1:") && hash.getMessage().contains("fix:"), hash.getMessage());
        IOException weak = assertThrows(IOException.class, () -> UserList.load(file("dave pbkdf2-sha256$10$AAAAAAAAAAAAAAAAAAAAAA$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n")));
        assertTrue(weak.getMessage().contains("iterations"), weak.getMessage());
        assertThrows(IOException.class, () -> UserList.load(file(line("erin", "a") + line("erin", "b"))));
    }

    @Test
    void theAuthenticatorAnswersOnItsOwnThread() throws Exception {
        UserListAuthenticator auth = new UserListAuthenticator(UserList.load(file(line("alice", "pw"))));
        try {
            AuthRequest request = new AuthRequest(1, "", "alice", "pw".getBytes(StandardCharsets.UTF_8), new InetSocketAddress("192.0.2.1", 1),
                    Map.of(), 0);
            AuthVerdict v = auth.authenticate(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(v.accepted(), v.reason());
            AuthRequest wrong = new AuthRequest(1, "", "alice", "nope".getBytes(StandardCharsets.UTF_8), new InetSocketAddress("192.0.2.1", 1),
                    Map.of(), 0);
            assertFalse(auth.authenticate(wrong).toCompletableFuture().get(10, TimeUnit.SECONDS).accepted());
        } finally {
            auth.stop();
        }
        assertThrows(IOException.class, () -> new UserListAuthenticator(Map.of()));
    }
}
