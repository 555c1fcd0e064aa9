package dev.culvert.vpn.control;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A client's tls-crypt-v2 key file (2.6's {@code --genkey tls-crypt-v2-client}): Kc, 256 bytes
 * used exactly as a tls-crypt key, then WKc, Kc wrapped by the server key, which the client sends
 * as it is ({@link WrappedClientKey}). Only WKc's own length field is checked here; the server
 * alone can check the rest. Wiped on close.
 */
public final class TlsCryptV2ClientKey implements AutoCloseable {
    /** How to make a good one, for error messages. */
    public static final String FIX = "make one on the server with 'openvpn --tls-crypt-v2 server.key --genkey tls-crypt-v2-client FILE'"
            + " (or culvert --genkey)";

    private final StaticKey clientKey;
    private final byte[] wrapped;

    private TlsCryptV2ClientKey(StaticKey clientKey, byte[] wrapped) {
        this.clientKey = clientKey;
        this.wrapped = wrapped;
    }

    /** From Kc and its WKc (both copied). */
    public static TlsCryptV2ClientKey of(byte[] kc, byte[] wkc) {
        return new TlsCryptV2ClientKey(StaticKey.ofBytes(kc), wkc.clone());
    }

    public static TlsCryptV2ClientKey read(Path file) throws StaticKeyException {
        return split(TlsCryptV2Pem.read(file, TlsCryptV2Pem.CLIENT_LABEL, FIX), file.toString());
    }

    /** From PEM text (a file's contents or an inline block); {@code source} names it in errors. */
    public static TlsCryptV2ClientKey parse(String text, String source) throws StaticKeyException {
        return split(TlsCryptV2Pem.decode(text, source, TlsCryptV2Pem.CLIENT_LABEL, FIX), source);
    }

    private static TlsCryptV2ClientKey split(byte[] raw, String source) throws StaticKeyException {
        try {
            int wkcLength = raw.length - StaticKey.LENGTH;
            if (wkcLength < WrappedClientKey.MIN_LENGTH || wkcLength > WrappedClientKey.MAX_LENGTH) {
                throw new StaticKeyException(source + ": a tls-crypt-v2 client key holds 256 bytes and a wrapped key of "
                        + WrappedClientKey.MIN_LENGTH + " to " + WrappedClientKey.MAX_LENGTH + " bytes; this one holds "
                        + raw.length + " bytes in all; fix: " + FIX);
            }
            int declared = (raw[raw.length - 2] & 0xff) << 8 | raw[raw.length - 1] & 0xff;
            if (declared != wkcLength) {
                throw new StaticKeyException(source + ": the wrapped key says it is " + declared + " bytes long but "
                        + wkcLength + " follow the client key; fix: the file is damaged, " + FIX);
            }
            return new TlsCryptV2ClientKey(StaticKey.ofBytes(Arrays.copyOf(raw, StaticKey.LENGTH)),
                    Arrays.copyOfRange(raw, StaticKey.LENGTH, raw.length));
        } finally {
            TlsCryptV2Pem.wipe(raw);
        }
    }

    /** Kc, the key the client's control packets are wrapped with. */
    public StaticKey clientKey() {
        return clientKey;
    }

    /** WKc, as the client sends it (not a copy). */
    byte[] wrapped() {
        return wrapped;
    }

    /** The PEM text 2.6 writes for this key: Kc then WKc. */
    public String toPem() {
        byte[] all = new byte[StaticKey.LENGTH + wrapped.length];
        for (int slot = 0; slot < 2; slot++) {
            copyIn(clientKey.cipherKey(slot, StaticKey.SLOT_LENGTH), all, slot * 2 * StaticKey.SLOT_LENGTH);
            copyIn(clientKey.hmacKey(slot, StaticKey.SLOT_LENGTH), all, (slot * 2 + 1) * StaticKey.SLOT_LENGTH);
        }
        System.arraycopy(wrapped, 0, all, StaticKey.LENGTH, wrapped.length);
        try {
            return TlsCryptV2Pem.encode(TlsCryptV2Pem.CLIENT_LABEL, all);
        } finally {
            Arrays.fill(all, (byte) 0);
        }
    }

    private static void copyIn(byte[] part, byte[] all, int at) {
        System.arraycopy(part, 0, all, at, part.length);
        Arrays.fill(part, (byte) 0);
    }

    @Override
    public void close() {
        clientKey.close();
        Arrays.fill(wrapped, (byte) 0);
    }
}
