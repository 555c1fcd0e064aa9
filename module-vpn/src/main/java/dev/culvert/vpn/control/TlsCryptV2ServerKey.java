package dev.culvert.vpn.control;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A tls-crypt-v2 server key (2.6's {@code --genkey tls-crypt-v2-server}): one OpenVPN
 * {@code struct key} of 128 bytes, a 64-byte cipher slot and a 64-byte HMAC slot. It never touches
 * a packet itself: it wraps and unwraps the clients' keys ({@link WrappedClientKey}), with
 * Ke = the first 32 bytes of the cipher slot and Ka = the first 32 of the HMAC slot. Wiped on close.
 */
public final class TlsCryptV2ServerKey implements AutoCloseable {
    public static final int LENGTH = 128;
    static final int SLOT = 64;
    static final int KEY = 32;
    /** How to make a good one, for error messages. */
    public static final String FIX = "make one with 'openvpn --genkey tls-crypt-v2-server FILE' (or culvert --genkey)";

    private final byte[] bytes;
    private boolean wiped;

    private TlsCryptV2ServerKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A key from its 128 raw bytes (copied). */
    public static TlsCryptV2ServerKey ofBytes(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("a tls-crypt-v2 server key is " + LENGTH + " bytes, not " + raw.length);
        }
        return new TlsCryptV2ServerKey(raw.clone());
    }

    /** A fresh key from {@code random}. */
    public static TlsCryptV2ServerKey generate(SecureRandom random) {
        byte[] raw = new byte[LENGTH];
        random.nextBytes(raw);
        return new TlsCryptV2ServerKey(raw);
    }

    public static TlsCryptV2ServerKey read(Path file) throws StaticKeyException {
        return checked(TlsCryptV2Pem.read(file, TlsCryptV2Pem.SERVER_LABEL, FIX), file.toString());
    }

    /** From PEM text (a file's contents or an inline block); {@code source} names it in errors. */
    public static TlsCryptV2ServerKey parse(String text, String source) throws StaticKeyException {
        return checked(TlsCryptV2Pem.decode(text, source, TlsCryptV2Pem.SERVER_LABEL, FIX), source);
    }

    private static TlsCryptV2ServerKey checked(byte[] raw, String source) throws StaticKeyException {
        if (raw.length != LENGTH) {
            TlsCryptV2Pem.wipe(raw);
            throw new StaticKeyException(source + ": a tls-crypt-v2 server key holds " + LENGTH + " bytes, this one "
                    + raw.length + "; fix: " + FIX);
        }
        return new TlsCryptV2ServerKey(raw);
    }

    /** The PEM text 2.6 writes for this key. */
    public String toPem() {
        return TlsCryptV2Pem.encode(TlsCryptV2Pem.SERVER_LABEL, live());
    }

    /** A copy of Ke, the AES-256-CTR key. */
    byte[] encryptionKey() {
        return Arrays.copyOfRange(live(), 0, KEY);
    }

    /** A copy of Ka, the HMAC-SHA256 key. */
    byte[] authenticationKey() {
        return Arrays.copyOfRange(live(), SLOT, SLOT + KEY);
    }

    private byte[] live() {
        if (wiped) {
            throw new IllegalStateException("tls-crypt-v2 server key was closed and wiped");
        }
        return bytes;
    }

    @Override
    public void close() {
        Arrays.fill(bytes, (byte) 0);
        wiped = true;
    }
}
