package dev.culvert.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code --genkey secret|tls-crypt|tls-auth [FILE]}: a fresh OpenVPN 2.6 static key file, the
 * format {@code openvpn --genkey} writes and both openvpn and module-vpn read: a comment header,
 * then 256 random bytes as 16 lines of 32 lowercase hex digits between the
 * {@code OpenVPN Static key V1} BEGIN and END lines. The three types are one format in 2.6; only
 * the option that later reads the file differs. Made without the framework, so it is instant.
 */
final class StaticKeyFile {
    static final int LENGTH = 256;
    static final List<String> TYPES = List.of("secret", "tls-crypt", "tls-auth");
    private static final int BYTES_PER_LINE = 16;
    private static final String HEADER = "#\n# 2048 bit OpenVPN static key\n#\n";
    private static final String BEGIN = "-----BEGIN OpenVPN Static key V1-----\n";
    private static final String END = "-----END OpenVPN Static key V1-----\n";

    private StaticKeyFile() {
    }

    /** Every type {@code --genkey} makes: the static keys, and tls-crypt-v2's server and client keys. */
    static final List<String> ALL_TYPES = List.of("secret", "tls-crypt", "tls-auth", "tls-crypt-v2-server", "tls-crypt-v2-client");

    /**
     * Why {@code type} cannot be generated, with the fix, or null when it can. 2.6's auth-token key
     * belongs to a feature Culvert does not implement, so it would be of no use to it.
     */
    static String refusal(String type) {
        if (ALL_TYPES.contains(type)) {
            return null;
        }
        if (type.equals("auth-token")) {
            return "--genkey auth-token: Culvert does not implement auth-gen-token (see docs/DIRECTIVES.md), so it makes no such key;"
                    + " make it with openvpn --genkey auth-token for a stock OpenVPN server";
        }
        return "--genkey: unknown key type '" + type + "'; use one of " + String.join(", ", ALL_TYPES);
    }

    /** The file's text for these 256 key bytes. */
    static String format(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("a static key is " + LENGTH + " bytes, not " + key.length);
        }
        StringBuilder text = new StringBuilder(HEADER).append(BEGIN);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < LENGTH; i += BYTES_PER_LINE) {
            text.append(hex.formatHex(key, i, i + BYTES_PER_LINE)).append('\n');
        }
        return text.append(END).toString();
    }

    /** A fresh key's text, from the platform's cryptographic random source. */
    static String generate() {
        byte[] key = new byte[LENGTH];
        new SecureRandom().nextBytes(key);
        try {
            return format(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Writes {@code text} to {@code file}, readable by its owner only (as openvpn does), replacing
     * what was there at once: a reader never sees half a key, and the key is never world-readable.
     */
    static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
