package dev.culvert.example.userauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The users file: one {@code NAME HASH} per line, {@code #} comments and blank lines ignored. A
 * line that cannot be read refuses the whole file, naming the file, the line and the fix, so a
 * typo never locks out the users after it without a word.
 */
final class UserList {
    /** What 2.6 lets a username be, and no more: no spaces or control characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    private final Map<String, PasswordHash> users;

    private UserList(Map<String, PasswordHash> users) {
        this.users = Map.copyOf(users);
        int iterations = users.values().stream().mapToInt(PasswordHash::iterations).findFirst().orElse(PasswordHash.MIN_ITERATIONS);
        this.decoy = PasswordHash.of("decoy".toCharArray(), iterations);
    }

    static UserList load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, PasswordHash> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            String[] fields = line.split("\\s+");
            if (fields.length != 2 || !NAME.matcher(fields[0]).matches()) {
                throw new IOException(where + "expected 'NAME pbkdf2-sha256$...' with a name of letters, digits and ._@+-;"
                        + " fix: make the line with " + PasswordHash.class.getName());
            }
            try {
                if (users.put(fields[0], PasswordHash.parse(fields[1])) != null) {
                    throw new IOException(where + "'" + fields[0] + "' is listed twice; fix: keep one line per user");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(where + "the hash cannot be read (" + e.getMessage() + "); fix: make the line with "
                        + PasswordHash.class.getName());
            }
        }
        return new UserList(users);
    }

    /** Whether {@code username} is listed with a hash {@code password} matches. An unknown name costs as much as a known one. */
    boolean accepts(String username, byte[] password) {
        PasswordHash hash = users.get(username);
        if (hash == null) {
            // Spend the time a listed name costs, so that a name's presence does not show in the answer's delay.
            decoy.matches(password);
            return false;
        }
        return hash.matches(password);
    }

    int size() {
        return users.size();
    }

    /** A hash of the file's own strength (its first user's iteration count) for names it does not list. */
    private final PasswordHash decoy;
}
