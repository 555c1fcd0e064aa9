package dev.culvert.vpn.control;

import dev.culvert.core.graph.DropReason;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WKc, a client's key wrapped by the server key (tls_crypt.c {@code tls_crypt_v2_wrap_client_key}
 * and {@code _unwrap_}):
 *
 * <pre>
 * WKc = T | AES-256-CTR(Ke, IV = T[0, 16), Kc | metadata) | len16
 * T   = HMAC-SHA256(Ka, len16 | Kc | metadata)
 * </pre>
 *
 * with {@code len16} the length of the whole WKc, big-endian, and Kc the client's 256-byte
 * tls-crypt key. The client sends WKc in the clear after its first packets; the server, which keeps
 * no per-client key, recovers Kc from it. At most {@value #MAX_LENGTH} bytes, as in 2.6. One
 * instance per thread: it holds a MAC and a cipher keyed with the server key; {@link #close()}
 * wipes them.
 */
public final class WrappedClientKey implements AutoCloseable {
    /** 2.6's TLS_CRYPT_V2_MAX_WKC_LEN. */
    public static final int MAX_LENGTH = 1024;
    static final int TAG = 32;
    static final int LENGTH_FIELD = 2;
    /** The smallest WKc: a tag, Kc, no metadata, the length. */
    public static final int MIN_LENGTH = TAG + StaticKey.LENGTH + LENGTH_FIELD;
    /** 2.6's TLS_CRYPT_V2_MAX_METADATA_LEN. */
    public static final int MAX_METADATA = MAX_LENGTH - MIN_LENGTH;
    /** Metadata type byte: free-form bytes from the operator. */
    public static final int METADATA_USER = 0x00;
    /** Metadata type byte: an 8-byte big-endian unix time, 2.6's default. */
    public static final int METADATA_TIMESTAMP = 0x01;

    private final Mac mac;
    private final Cipher cipher = JceCrypto.aesCtr();
    private SecretKeySpec cipherKey;
    private final byte[] tag = new byte[TAG];
    private final byte[] plain = new byte[MAX_LENGTH];
    private boolean closed;

    public WrappedClientKey(TlsCryptV2ServerKey serverKey) {
        byte[] ke = serverKey.encryptionKey();
        byte[] ka = serverKey.authenticationKey();
        this.cipherKey = new SecretKeySpec(ke, "AES");
        this.mac = JceCrypto.hmac("HmacSHA256", ka);
        Arrays.fill(ke, (byte) 0);
        Arrays.fill(ka, (byte) 0);
    }

    /**
     * Wraps {@code clientKey} (256 bytes) with {@code metadata} (its first byte the type) into a
     * new WKc.
     *
     * @throws IllegalArgumentException if the key is not 256 bytes or the metadata too long
     */
    public byte[] wrap(byte[] clientKey, byte[] metadata) {
        requireOpen();
        if (clientKey.length != StaticKey.LENGTH) {
            throw new IllegalArgumentException("a tls-crypt-v2 client key is " + StaticKey.LENGTH + " bytes, not " + clientKey.length);
        }
        if (metadata.length > MAX_METADATA) {
            throw new IllegalArgumentException("tls-crypt-v2 metadata is at most " + MAX_METADATA + " bytes, not " + metadata.length);
        }
        int total = MIN_LENGTH + metadata.length;
        byte[] wkc = new byte[total];
        wkc[total - 2] = (byte) (total >>> 8);
        wkc[total - 1] = (byte) total;
        mac.update(wkc, total - 2, 2);
        mac.update(clientKey);
        mac.update(metadata);
        try {
            mac.doFinal(wkc, 0);
            System.arraycopy(clientKey, 0, wkc, TAG, clientKey.length);
            System.arraycopy(metadata, 0, wkc, TAG + clientKey.length, metadata.length);
            cipher.init(Cipher.ENCRYPT_MODE, cipherKey, new IvParameterSpec(wkc, 0, 16));
            cipher.doFinal(wkc, TAG, total - TAG - LENGTH_FIELD, wkc, TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR/HMAC-SHA256 failed in the JDK", e);
        }
        return wkc;
    }

    /**
     * Checks and unwraps the WKc {@code buf[off, off+len)}: its length field must equal {@code len},
     * and the tag must match after decryption (compared in constant time). On success Kc is in
     * {@code clientKeyOut} (256 bytes) and the method returns null; on refusal {@code clientKeyOut}
     * is zeroed and the reason returned. Never throws for what the bytes hold.
     */
    public DropReason unwrap(byte[] buf, int off, int len, byte[] clientKeyOut) {
        if (closed) {
            return WrapDrops.CLOSED;
        }
        DropReason refused = decrypt(buf, off, len);
        if (refused == null) {
            System.arraycopy(plain, 0, clientKeyOut, 0, StaticKey.LENGTH);
        } else {
            Arrays.fill(clientKeyOut, 0, StaticKey.LENGTH, (byte) 0);
        }
        wipePlain(len);
        return refused;
    }

    /** The metadata of a WKc this server key made: its bytes after Kc, the type byte first. */
    public byte[] metadata(byte[] buf, int off, int len) {
        requireOpen();
        if (decrypt(buf, off, len) != null) {
            wipePlain(len);
            throw new IllegalArgumentException("not a WKc of this server key");
        }
        byte[] meta = Arrays.copyOfRange(plain, StaticKey.LENGTH, len - TAG - LENGTH_FIELD);
        wipePlain(len);
        return meta;
    }

    /** Zeroes what a decryption of a {@code len}-byte WKc may have written. */
    private void wipePlain(int len) {
        Arrays.fill(plain, 0, Math.max(0, Math.min(len, MAX_LENGTH)), (byte) 0);
    }

    /**
     * Decrypts Kc and the metadata of the WKc {@code buf[off, off+len)} into {@link #plain} and
     * checks the length field and the tag; null when they hold. The caller wipes {@link #plain}.
     */
    private DropReason decrypt(byte[] buf, int off, int len) {
        if (len < MIN_LENGTH || len > MAX_LENGTH) {
            return TlsCryptV2Drops.BAD_CLIENT_KEY_LENGTH;
        }
        int declared = (buf[off + len - 2] & 0xff) << 8 | buf[off + len - 1] & 0xff;
        if (declared != len) {
            return TlsCryptV2Drops.BAD_CLIENT_KEY_LENGTH;
        }
        int encrypted = len - TAG - LENGTH_FIELD;
        try {
            cipher.init(Cipher.DECRYPT_MODE, cipherKey, new IvParameterSpec(buf, off, 16));
            cipher.doFinal(buf, off + TAG, encrypted, plain, 0);
            mac.update(buf, off + len - 2, 2);
            mac.update(plain, 0, encrypted);
            mac.doFinal(tag, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR/HMAC-SHA256 failed in the JDK", e);
        }
        return JceCrypto.equalsConstantTime(tag, 0, buf, off, TAG) ? null : TlsCryptV2Drops.BAD_CLIENT_KEY_TAG;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("tls-crypt-v2 key wrapper was closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        Arrays.fill(tag, (byte) 0);
        Arrays.fill(plain, (byte) 0);
        JceCrypto.rekeyWithZeros(mac, TlsCryptV2ServerKey.KEY);
        cipherKey = new SecretKeySpec(new byte[TlsCryptV2ServerKey.KEY], "AES");
        try {
            cipher.init(Cipher.ENCRYPT_MODE, cipherKey, new IvParameterSpec(new byte[16]));
        } catch (GeneralSecurityException e) {
            // Nothing more to overwrite with.
        }
    }
}
