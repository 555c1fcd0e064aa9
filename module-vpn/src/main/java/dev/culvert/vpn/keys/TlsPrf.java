package dev.culvert.vpn.keys;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS 1.0/1.1 pseudo-random function as OpenVPN's legacy key derivation uses it: no separate
 * label argument (OpenVPN puts its label at the front of the seed), {@code P_MD5(S1, seed) XOR
 * P_SHA1(S2, seed)}, where S1 and S2 are the two halves of the secret, overlapping by one byte
 * when its length is odd (RFC 2246 §5).
 */
public final class TlsPrf {
    private TlsPrf() {
    }

    /** {@code length} bytes of PRF output; the caller owns (and wipes) the result. */
    public static byte[] prf(byte[] secret, byte[] seed, int length) {
        if (secret.length == 0 || length < 0) {
            throw new IllegalArgumentException("PRF needs a non-empty secret and a non-negative length");
        }
        int half = (secret.length + 1) / 2;
        byte[] s1 = Arrays.copyOfRange(secret, 0, half);
        byte[] s2 = Arrays.copyOfRange(secret, secret.length - half, secret.length);
        byte[] out = new byte[length];
        byte[] sha = new byte[length];
        try {
            pHash("HmacMD5", s1, seed, out);
            pHash("HmacSHA1", s2, seed, sha);
            for (int i = 0; i < length; i++) {
                out[i] ^= sha[i];
            }
            return out;
        } catch (GeneralSecurityException e) {
            Arrays.fill(out, (byte) 0);
            // HMAC-MD5 and HMAC-SHA1 are mandatory in every JDK; only a crippled (FIPS) JDK lacks
            // MD5, and then the exporter path is the only one left.
            throw new IllegalStateException("the JDK cannot compute the TLS 1.0 PRF (HMAC-MD5/HMAC-SHA1 missing)", e);
        } finally {
            Arrays.fill(s1, (byte) 0);
            Arrays.fill(s2, (byte) 0);
            Arrays.fill(sha, (byte) 0);
        }
    }

    /** {@code P_hash(S, seed) = HMAC(S, A1 ‖ seed) ‖ HMAC(S, A2 ‖ seed) ‖ …}, A0 = seed, Ai = HMAC(S, Ai-1). */
    private static void pHash(String algorithm, byte[] secret, byte[] seed, byte[] out) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        SecretKeySpec key = new SecretKeySpec(secret, algorithm);
        mac.init(key);
        byte[] a = seed.clone();
        byte[] chunk = new byte[mac.getMacLength()];
        try {
            int done = 0;
            while (done < out.length) {
                mac.update(a);
                byte[] next = mac.doFinal();
                Arrays.fill(a, (byte) 0);
                a = next;
                mac.update(a);
                mac.update(seed);
                mac.doFinal(chunk, 0);
                int n = Math.min(chunk.length, out.length - done);
                System.arraycopy(chunk, 0, out, done, n);
                done += n;
            }
        } finally {
            Arrays.fill(a, (byte) 0);
            Arrays.fill(chunk, (byte) 0);
            mac.reset();
        }
    }
}
