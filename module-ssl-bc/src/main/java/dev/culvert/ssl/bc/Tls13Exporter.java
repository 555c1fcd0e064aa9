package dev.culvert.ssl.bc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS 1.3 exporter, RFC 8446 §7.5, from the connection's exporter_master_secret:
 * {@code HKDF-Expand-Label(Derive-Secret(exporter_master_secret, label, ""), "exporter", Hash(context), length)}.
 * A null context hashes as an empty one: RFC 8446 makes no difference between them, unlike RFC 5705.
 */
final class Tls13Exporter {
    private Tls13Exporter() {
    }

    /**
     * @param hash the suite's hash, {@code SHA-256} or {@code SHA-384}
     */
    static byte[] export(byte[] exporterMasterSecret, String hash, String label, byte[] context, int length) throws GeneralSecurityException {
        MessageDigest digest = MessageDigest.getInstance(hash);
        byte[] emptyHash = digest.digest();
        byte[] contextHash = digest.digest(context == null ? new byte[0] : context);
        byte[] derived = expandLabel(exporterMasterSecret, hash, label, emptyHash, emptyHash.length);
        try {
            return expandLabel(derived, hash, "exporter", contextHash, length);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** HKDF-Expand-Label (RFC 8446 §7.1): HKDF-Expand with the HkdfLabel structure as info. */
    static byte[] expandLabel(byte[] secret, String hash, String label, byte[] context, int length) throws GeneralSecurityException {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        if (fullLabel.length > 255 || context.length > 255 || length > 0xFFFF) {
            throw new IllegalArgumentException("label, context or length too long for HKDF-Expand-Label");
        }
        byte[] info = new byte[2 + 1 + fullLabel.length + 1 + context.length];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) fullLabel.length;
        System.arraycopy(fullLabel, 0, info, 3, fullLabel.length);
        info[3 + fullLabel.length] = (byte) context.length;
        System.arraycopy(context, 0, info, 4 + fullLabel.length, context.length);
        return expand(secret, hmacName(hash), info, length);
    }

    /** HKDF-Expand (RFC 5869 §2.3). */
    private static byte[] expand(byte[] prk, String hmac, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(prk, hmac));
        if (length > 255 * mac.getMacLength()) {
            throw new IllegalArgumentException("HKDF-Expand cannot produce " + length + " bytes with " + hmac);
        }
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        for (int done = 0, counter = 1; done < length; counter++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            Arrays.fill(block, (byte) 0);
            block = mac.doFinal();
            int take = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, take);
            done += take;
        }
        Arrays.fill(block, (byte) 0);
        return out;
    }

    private static String hmacName(String hash) {
        return switch (hash) {
            case "SHA-256" -> "HmacSHA256";
            case "SHA-384" -> "HmacSHA384";
            default -> throw new IllegalArgumentException("no HMAC for " + hash);
        };
    }
}
