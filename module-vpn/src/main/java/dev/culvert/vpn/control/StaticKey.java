package dev.culvert.vpn.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The 256 bytes of an {@code OpenVPN Static key V1} file (tls-auth, tls-crypt): two keys, each a
 * 64-byte cipher slot then a 64-byte HMAC slot (crypto.h {@code struct key2}). Readers copy what
 * they need; {@link #close()} wipes these bytes.
 */
public final class StaticKey implements AutoCloseable {
    public static final int LENGTH = 256;
    public static final int SLOT_LENGTH = 64;

    private static final String BEGIN = "-----BEGIN OpenVPN Static key V1-----";
    private static final String END = "-----END OpenVPN Static key V1-----";
    private static final String FIX_NEW_KEY = "generate a fresh one with 'openvpn --genkey tls-crypt <file>'"
            + " (or 'openvpn --genkey secret <file>' for tls-auth)";

    private final byte[] bytes;
    private boolean wiped;

    private StaticKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A key from its 256 raw bytes (copied). */
    public static StaticKey ofBytes(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("a static key is " + LENGTH + " bytes, not " + raw.length);
        }
        return new StaticKey(raw.clone());
    }

    public static StaticKey read(Path file) throws StaticKeyException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new StaticKeyException(file + ": cannot read the static key file (" + e.getMessage()
                    + "); fix: check the path and that the file is readable");
        }
        return parse(text, file.toString());
    }

    /**
     * Parses the PEM-like text form. Anything before the BEGIN line (an inline {@code <tls-auth>}
     * tag, say) is ignored; between BEGIN and END, lines starting with '#' or ';' are comments and
     * whitespace is ignored.
     *
     * @param source names where the text came from, for the error message
     */
    public static StaticKey parse(String text, String source) throws StaticKeyException {
        String[] lines = text.split("\r?\n", -1);
        int begin = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals(BEGIN)) {
                begin = i;
                break;
            }
        }
        if (begin < 0) {
            throw new StaticKeyException(source + ": no '" + BEGIN + "' line; fix: point the option at an OpenVPN"
                    + " static key file, or " + FIX_NEW_KEY);
        }
        byte[] out = new byte[LENGTH];
        int count = 0;
        int pendingNibble = -1;
        for (int i = begin + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.equals(END)) {
                if (pendingNibble >= 0 || count != LENGTH) {
                    Arrays.fill(out, (byte) 0);
                    throw new StaticKeyException(source + ": the key holds " + count + (pendingNibble >= 0 ? ".5" : "")
                            + " bytes, it must hold exactly " + LENGTH + "; fix: the file is truncated or edited, "
                            + FIX_NEW_KEY);
                }
                return new StaticKey(out);
            }
            if (line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (Character.isWhitespace(ch)) {
                    continue;
                }
                int nibble = Character.digit(ch, 16);
                if (nibble < 0) {
                    Arrays.fill(out, (byte) 0);
                    throw new StaticKeyException(source + ": line " + (i + 1) + " has '" + ch
                            + "', which is not a hex digit; fix: the key lines must be hex only, " + FIX_NEW_KEY);
                }
                if (pendingNibble < 0) {
                    pendingNibble = nibble;
                } else {
                    if (count == LENGTH) {
                        Arrays.fill(out, (byte) 0);
                        throw new StaticKeyException(source + ": more than " + LENGTH + " bytes before '" + END
                                + "'; fix: " + FIX_NEW_KEY);
                    }
                    out[count++] = (byte) (pendingNibble << 4 | nibble);
                    pendingNibble = -1;
                }
            }
        }
        Arrays.fill(out, (byte) 0);
        throw new StaticKeyException(source + ": no '" + END + "' line; fix: the file is truncated, " + FIX_NEW_KEY);
    }

    /** A copy of the first {@code length} bytes of keys[slot].cipher. */
    public byte[] cipherKey(int slot, int length) {
        return copy(slot * 2 * SLOT_LENGTH, length);
    }

    /** A copy of the first {@code length} bytes of keys[slot].hmac. */
    public byte[] hmacKey(int slot, int length) {
        return copy(slot * 2 * SLOT_LENGTH + SLOT_LENGTH, length);
    }

    private byte[] copy(int from, int length) {
        if (wiped) {
            throw new IllegalStateException("static key was closed and wiped");
        }
        if (length < 0 || length > SLOT_LENGTH) {
            throw new IllegalArgumentException("key length " + length);
        }
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
        wiped = true;
    }
}
