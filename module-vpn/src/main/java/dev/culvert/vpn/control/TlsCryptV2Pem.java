package dev.culvert.vpn.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * The PEM form of 2.6's tls-crypt-v2 keys (tls_crypt.c {@code write_pem_key_file} /
 * {@code read_pem_key_file}): base64 between {@code -----BEGIN OpenVPN tls-crypt-v2 server key-----}
 * (or {@code client key}) and its END line, 64 characters a line as OpenSSL writes it. Text around
 * the block (an inline tag, comments) is ignored; inside it the base64 is decoded strictly, so a
 * damaged key is an error rather than different key bytes.
 */
public final class TlsCryptV2Pem {
    /** The label of the server's key. */
    public static final String SERVER_LABEL = "OpenVPN tls-crypt-v2 server key";
    /** The label of a client's key: Kc followed by its wrapped copy WKc. */
    public static final String CLIENT_LABEL = "OpenVPN tls-crypt-v2 client key";
    /** Longer files are not keys: the largest client key is 256 + 1024 bytes. */
    static final int MAX_TEXT_CHARS = 8192;
    private static final int LINE = 64;

    private TlsCryptV2Pem() {
    }

    /** The decoded bytes of the {@code label} block in {@code file}. */
    public static byte[] read(Path file, String label, String fix) throws StaticKeyException {
        String text;
        try {
            if (Files.size(file) > MAX_TEXT_CHARS) {
                throw new StaticKeyException(file + ": " + Files.size(file) + " bytes is too long for a " + label
                        + "; fix: " + fix);
            }
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new StaticKeyException(file + ": cannot read the " + label + " (" + e.getMessage()
                    + "); fix: check the path and that the file is readable");
        }
        return decode(text, file.toString(), label, fix);
    }

    /**
     * The decoded bytes of the {@code label} block in {@code text}.
     *
     * @param source names where the text came from, for the error message
     * @param fix    how to make a good key, for the error message
     */
    public static byte[] decode(String text, String source, String label, String fix) throws StaticKeyException {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new StaticKeyException(source + ": " + text.length() + " characters is too long for a " + label + "; fix: " + fix);
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        String[] lines = text.split("\r?\n", -1);
        StringBuilder base64 = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (base64 == null) {
                if (line.equals(begin)) {
                    base64 = new StringBuilder();
                } else if (line.startsWith("-----BEGIN ")) {
                    throw new StaticKeyException(source + ": holds a '" + line + "' block, not a " + label + "; fix: " + fix);
                }
                continue;
            }
            if (line.equals(end)) {
                try {
                    return Base64.getDecoder().decode(base64.toString());
                } catch (IllegalArgumentException e) {
                    throw new StaticKeyException(source + ": the " + label + " is not valid base64 (" + e.getMessage()
                            + "); fix: " + fix);
                } finally {
                    base64.setLength(0);
                }
            }
            base64.append(line);
        }
        throw new StaticKeyException(source + ": no complete '" + begin + "' ... '" + end + "' block; fix: " + fix);
    }

    /** The PEM text of {@code key} under {@code label}, as 2.6 writes it. */
    public static String encode(String label, byte[] key) {
        String b64 = Base64.getEncoder().encodeToString(key);
        StringBuilder text = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < b64.length(); i += LINE) {
            text.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
        }
        return text.append("-----END ").append(label).append("-----\n").toString();
    }

    static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }
}
