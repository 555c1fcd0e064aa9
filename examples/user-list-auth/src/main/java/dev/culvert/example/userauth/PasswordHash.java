package dev.culvert.example.userauth;

import java.io.Console;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password's PBKDF2-SHA256 hash as the users file keeps it: {@code pbkdf2-sha256$ITERATIONS$SALT$HASH},
 * salt and hash in unpadded base64. Run it to make a line:
 * {@code java -cp user-list-auth.jar dev.culvert.example.userauth.PasswordHash alice} asks for the
 * password and prints {@code alice pbkdf2-sha256$...}.
 *
 * @param iterations PBKDF2's iteration count
 * @param salt       at least 16 bytes
 * @param hash       32 bytes
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
    static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    static final int DEFAULT_ITERATIONS = 600_000;
    static final int MIN_ITERATIONS = 10_000;
    static final int MAX_ITERATIONS = 10_000_000;
    private static final int HASH_BYTES = 32;
    private static final int MIN_SALT_BYTES = 16;

    public PasswordHash {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be " + MIN_ITERATIONS + " to " + MAX_ITERATIONS + ", not " + iterations);
        }
        if (salt.length < MIN_SALT_BYTES || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("a salt of at least " + MIN_SALT_BYTES + " bytes and a hash of " + HASH_BYTES + " bytes");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** A new hash of {@code password} with a random salt. */
    public static PasswordHash of(char[] password, int iterations) {
        byte[] salt = new byte[MIN_SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** Reads {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}; throws {@link IllegalArgumentException} saying what is wrong. */
    public static PasswordHash parse(String text) {
        String[] parts = text.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("expected " + SCHEME + "$ITERATIONS$SALT$HASH");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count '" + parts[1] + "' is not a number");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new PasswordHash(iterations, b64.decode(parts[2]), b64.decode(parts[3]));
    }

    /** Whether {@code password} (UTF-8 bytes) hashes to this; compared in constant time. */
    public boolean matches(byte[] password) {
        char[] chars = new String(password, java.nio.charset.StandardCharsets.UTF_8).toCharArray();
        try {
            return MessageDigest.isEqual(hash, derive(chars, salt, iterations));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Prints a users-file line for the name given, asking for the password on the terminal. */
    public static void main(String[] args) {
        Console console = System.console();
        if (args.length != 1 || console == null) {
            System.err.println("usage (on a terminal): java -cp user-list-auth.jar " + PasswordHash.class.getName() + " USERNAME");
            System.exit(2);
        }
        char[] password = console.readPassword("password for %s: ", args[0]);
        try {
            System.out.println(args[0] + " " + of(password, DEFAULT_ITERATIONS));
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
