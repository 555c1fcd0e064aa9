package dev.culvert.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code --genkey tls-crypt-v2-server [FILE]} and
 * {@code --tls-crypt-v2 SERVER-KEY --genkey tls-crypt-v2-client [FILE [METADATA]]}: 2.6's
 * tls-crypt-v2 keys (tls_crypt.c {@code tls_crypt_v2_write_*_key_file}). A server key is 128 random
 * bytes; a client key is 256 random bytes Kc followed by WKc, Kc wrapped by the server key:
 * {@code T | AES-256-CTR(Ke, T[0,16), Kc | metadata) | len16} with
 * {@code T = HMAC-SHA256(Ka, len16 | Kc | metadata)}. The metadata is a timestamp (type 1, the time
 * now as 8 big-endian bytes) unless the operator gives base64 of their own (type 0). Both are PEM,
 * 64 characters a line. The launcher runs outside OSGi and shares no classes with module-vpn, whose
 * {@code WrappedClientKey} reads what this writes; a test holds the two to the same bytes.
 */
final class TlsCryptV2KeyFile {
    static final String SERVER_TYPE = "tls-crypt-v2-server";
    static final String CLIENT_TYPE = "tls-crypt-v2-client";
    private static final String SERVER_LABEL = "OpenVPN tls-crypt-v2 server key";
    private static final String CLIENT_LABEL = "OpenVPN tls-crypt-v2 client key";
    private static final int SERVER_KEY = 128;
    private static final int CLIENT_KEY = 256;
    private static final int TAG = 32;
    private static final int MAX_WRAPPED = 1024;
    /** 2.6's limit on the operator's metadata: the largest WKc less tag, Kc, length and type byte. */
    static final int MAX_USER_METADATA = MAX_WRAPPED - TAG - CLIENT_KEY - 2 - 1;

    private TlsCryptV2KeyFile() {
    }

    /** A fresh server key's PEM text. */
    static String serverKey(SecureRandom random) {
        byte[] key = new byte[SERVER_KEY];
        random.nextBytes(key);
        try {
            return pem(SERVER_LABEL, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * A fresh client key's PEM text, wrapped by the server key in {@code serverKeyFile}.
     *
     * @param base64Metadata the operator's metadata, or null for a timestamp of {@code epochSeconds}
     * @throws IllegalArgumentException naming the problem and its fix, for a bad server key file or metadata
     */
    static String clientKey(Path serverKeyFile, String base64Metadata, long epochSeconds, SecureRandom random) throws IOException {
        byte[] metadata = metadata(base64Metadata, epochSeconds);
        byte[] serverKey = readServerKey(serverKeyFile);
        byte[] kc = new byte[CLIENT_KEY];
        random.nextBytes(kc);
        byte[] all = new byte[CLIENT_KEY + TAG + CLIENT_KEY + metadata.length + 2];
        try {
            System.arraycopy(kc, 0, all, 0, CLIENT_KEY);
            wrapInto(serverKey, kc, metadata, all, CLIENT_KEY);
            return pem(CLIENT_LABEL, all);
        } finally {
            Arrays.fill(serverKey, (byte) 0);
            Arrays.fill(kc, (byte) 0);
            Arrays.fill(all, (byte) 0);
        }
    }

    /** Writes WKc for {@code kc} and {@code metadata} into {@code out} at {@code at}. */
    static void wrapInto(byte[] serverKey, byte[] kc, byte[] metadata, byte[] out, int at) {
        int total = TAG + kc.length + metadata.length + 2;
        int end = at + total;
        out[end - 2] = (byte) (total >>> 8);
        out[end - 1] = (byte) total;
        SecretKeySpec ka = new SecretKeySpec(serverKey, 64, 32, "HmacSHA256");
        SecretKeySpec ke = new SecretKeySpec(serverKey, 0, 32, "AES");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(ka);
            mac.update(out, end - 2, 2);
            mac.update(kc);
            mac.update(metadata);
            mac.doFinal(out, at);
            System.arraycopy(kc, 0, out, at + TAG, kc.length);
            System.arraycopy(metadata, 0, out, at + TAG + kc.length, metadata.length);
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.ENCRYPT_MODE, ke, new IvParameterSpec(out, at, 16));
            ctr.doFinal(out, at + TAG, kc.length + metadata.length, out, at + TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR/HMAC-SHA256 failed in the JDK", e);
        }
    }

    private static byte[] metadata(String base64, long epochSeconds) {
        if (base64 == null) {
            byte[] m = new byte[9];
            m[0] = 1;
            for (int i = 0; i < 8; i++) {
                m[8 - i] = (byte) (epochSeconds >>> (8 * i));
            }
            return m;
        }
        byte[] user;
        try {
            user = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the metadata '" + base64 + "' is not base64 (" + e.getMessage()
                    + "); fix: give it base64-encoded, e.g. $(printf 'alice' | base64)");
        }
        if (user.length > MAX_USER_METADATA) {
            throw new IllegalArgumentException("the metadata is " + user.length + " bytes, at most " + MAX_USER_METADATA
                    + " fit; fix: shorten it");
        }
        byte[] m = new byte[user.length + 1];
        System.arraycopy(user, 0, m, 1, user.length);
        return m;
    }

    private static byte[] readServerKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN " + SERVER_LABEL + "-----");
        int end = text.indexOf("-----END " + SERVER_LABEL + "-----");
        String fix = "; fix: name the server's key, made with --genkey " + SERVER_TYPE;
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " holds no '" + SERVER_LABEL + "' block" + fix);
        }
        String body = text.substring(text.indexOf('\n', begin) + 1, end).replaceAll("\\s", "");
        byte[] key;
        try {
            key = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the server key is not valid base64" + fix);
        }
        if (key.length != SERVER_KEY) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException(file + ": a server key holds " + SERVER_KEY + " bytes, this one " + key.length + fix);
        }
        return key;
    }

    private static String pem(String label, byte[] bytes) {
        String b64 = Base64.getEncoder().encodeToString(bytes);
        StringBuilder text = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < b64.length(); i += 64) {
            text.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return text.append("-----END ").append(label).append("-----\n").toString();
    }
}
