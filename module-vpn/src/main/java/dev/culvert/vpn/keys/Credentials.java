package dev.culvert.vpn.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A username and a password as a client's key-method-2 message carries them ({@code auth-user-pass},
 * or an {@code auth-token} in the password's place). The password is held as UTF-8 bytes so that
 * {@link #wipe()} can zero it; {@link #toString()} shows neither.
 */
public final class Credentials {
    private final String username;
    private final byte[] password;

    /** Takes a copy of {@code password}'s bytes. */
    public Credentials(String username, byte[] password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = password.clone();
    }

    /** Credentials from text (a pushed token, a test); the caller's string cannot be wiped. */
    public static Credentials of(String username, String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            return new Credentials(username, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    public String username() {
        return username;
    }

    /** The password's UTF-8 bytes, not a copy: zeroed once {@link #wipe()} ran. */
    public byte[] password() {
        return password;
    }

    /**
     * A copy whose username has every control character (CR and LF among them) made {@code _}, as
     * 2.6's {@code string_mod_remap_name} leaves a peer's username before anything logs or checks
     * it: a client cannot plant a line in the log, a script's file or a management notification.
     */
    public Credentials remappedCopy() {
        StringBuilder name = new StringBuilder(username.length());
        username.codePoints().forEach(c -> name.appendCodePoint(c < 0x20 || c == 0x7f ? '_' : c));
        return new Credentials(name.toString(), password);
    }

    /** The same username with a password of its own, for a message that wipes it after writing. */
    public Credentials copy() {
        return new Credentials(username, password);
    }

    /** Zeroes the password. */
    public void wipe() {
        Arrays.fill(password, (byte) 0);
    }

    @Override
    public String toString() {
        return "Credentials[username and password withheld]";
    }
}
