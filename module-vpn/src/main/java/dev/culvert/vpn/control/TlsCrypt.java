package dev.culvert.vpn.control;

import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.replay.ReplayCounter;
import dev.culvert.vpn.replay.ReplayWindow;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * tls-crypt v1 (tls_crypt.c): every control packet encrypted and authenticated, SIV style. On the wire
 *
 * <pre>
 * byte0 | own sid (8) | replay id (4) | replay time (4) | tag (32) | AES-256-CTR(rest of the plain packet)
 * </pre>
 *
 * with {@code tag = HMAC-SHA256(Ka, header | plaintext)} over the 17 header bytes and the plaintext,
 * and the CTR counter block = {@code tag[0, 16)}. Ke and Ka are the first 32 bytes of a key's cipher
 * and HMAC slots; the server sends with keys[0], the client with keys[1]. Unwrap decrypts, checks
 * the tag in constant time, and only then the replay id.
 */
public final class TlsCrypt implements ControlWrap {
    static final int OPCODE_AND_SID = 9;
    private static final int REPLAY = 8;
    private static final int TAG = 32;
    private static final int KEY = 32;
    private static final int IV = 16;

    private final byte[] sendKe;
    private final byte[] sendKa;
    private final byte[] receiveKe;
    private final byte[] receiveKa;
    private final Mac sendMac;
    private final Mac receiveMac;
    // One cipher per direction: AES re-expands its key schedule (and allocates) whenever one
    // instance alternates between two keys, which a gate answering resets does on every packet.
    private final Cipher sendCipher = JceCrypto.aesCtr();
    private final Cipher receiveCipher = JceCrypto.aesCtr();
    private SecretKeySpec sendKeySpec;
    private SecretKeySpec receiveKeySpec;
    private final ReplayCounter counter;
    private final ReplayWindow window;
    private final byte[] tag = new byte[TAG];
    private boolean closed;

    /** The client's wrapper: sends with keys[1], receives with keys[0]. */
    public static TlsCrypt forClient(StaticKey key, long replayEpochSeconds) {
        return new TlsCrypt(key, KeyDirection.INVERSE, new ReplayCounter(replayEpochSeconds), new ReplayWindow());
    }

    /** The server's wrapper: sends with keys[0], receives with keys[1]. */
    public static TlsCrypt forServer(StaticKey key, long replayEpochSeconds) {
        return new TlsCrypt(key, KeyDirection.NORMAL, new ReplayCounter(replayEpochSeconds), new ReplayWindow());
    }

    public TlsCrypt(StaticKey key, KeyDirection direction, ReplayCounter counter, ReplayWindow window) {
        this(key.cipherKey(direction.sendSlot(), KEY), key.hmacKey(direction.sendSlot(), KEY),
                key.cipherKey(direction.receiveSlot(), KEY), key.hmacKey(direction.receiveSlot(), KEY), counter, window);
    }

    /** From raw 32-byte keys, which it takes over (and wipes on close). */
    TlsCrypt(byte[] sendKe, byte[] sendKa, byte[] receiveKe, byte[] receiveKa, ReplayCounter counter, ReplayWindow window) {
        for (byte[] k : new byte[][] {sendKe, sendKa, receiveKe, receiveKa}) {
            if (k.length != KEY) {
                throw new IllegalArgumentException("tls-crypt keys are 32 bytes, not " + k.length);
            }
        }
        this.sendKe = sendKe;
        this.sendKa = sendKa;
        this.receiveKe = receiveKe;
        this.receiveKa = receiveKa;
        this.sendKeySpec = new SecretKeySpec(sendKe, "AES");
        this.receiveKeySpec = new SecretKeySpec(receiveKe, "AES");
        this.sendMac = JceCrypto.hmac("HmacSHA256", sendKa);
        this.receiveMac = JceCrypto.hmac("HmacSHA256", receiveKa);
        this.counter = counter;
        this.window = window;
    }

    @Override
    public int overhead() {
        return REPLAY + TAG;
    }

    @Override
    public int wrap(byte[] plain, int off, int len, byte[] out, int outOff) {
        if (len < OPCODE_AND_SID) {
            throw new IllegalArgumentException("a control packet starts with 9 bytes of opcode and session id");
        }
        return seal(plain, off, OPCODE_AND_SID, len - OPCODE_AND_SID, out, outOff);
    }

    @Override
    public int wrapStateless(byte[] plain, int off, int len, long replayId, long replayTime, byte[] out, int outOff) {
        if (len < OPCODE_AND_SID) {
            throw new IllegalArgumentException("a control packet starts with 9 bytes of opcode and session id");
        }
        TlsAuth.requireUint32(replayId);
        TlsAuth.requireUint32(replayTime);
        return seal(plain, off, OPCODE_AND_SID, len - OPCODE_AND_SID, out, outOff, replayId, replayTime);
    }

    @Override
    public void skipSendReplayIdsThrough(long replayId) {
        counter.skipThrough(replayId);
    }

    /**
     * The tls_crypt_wrap formula on its own: {@code headerLength} bytes copied and authenticated,
     * then replay id and time, tag, and the encrypted rest. 2.6 calls it with a 9-byte header for
     * control packets; its unit test for dynamic keys with none.
     */
    int seal(byte[] in, int off, int headerLength, int plainLength, byte[] out, int outOff) {
        return seal(in, off, headerLength, plainLength, out, outOff, -1, 0);
    }

    /** {@code replayId} -1 takes id and time from the counter. */
    private int seal(byte[] in, int off, int headerLength, int plainLength, byte[] out, int outOff, long replayId,
                     long replayTime) {
        if (closed) {
            throw new IllegalStateException("tls-crypt wrapper was closed");
        }
        int total = headerLength + REPLAY + TAG + plainLength;
        if (total > out.length - outOff) {
            throw new IllegalArgumentException("cannot wrap " + (headerLength + plainLength) + " bytes into "
                    + (out.length - outOff));
        }
        int replayAt = outOff + headerLength;
        int tagAt = replayAt + REPLAY;
        int ctAt = tagAt + TAG;
        // The plaintext moves right by 40 bytes; copy it first in case in and out are one array.
        System.arraycopy(in, off + headerLength, out, ctAt, plainLength);
        System.arraycopy(in, off, out, outOff, headerLength);
        boolean fromCounter = replayId < 0;
        TlsAuth.writeUint32(out, replayAt, fromCounter ? counter.next() : replayId);
        TlsAuth.writeUint32(out, replayAt + 4, fromCounter ? counter.time() : replayTime);
        sendMac.update(out, outOff, headerLength + REPLAY);
        sendMac.update(out, ctAt, plainLength);
        try {
            sendMac.doFinal(out, tagAt);
            sendCipher.init(Cipher.ENCRYPT_MODE, sendKeySpec, new IvParameterSpec(out, tagAt, IV));
            sendCipher.doFinal(out, ctAt, plainLength, out, ctAt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR/HMAC-SHA256 failed in the JDK", e);
        }
        return total;
    }

    @Override
    public DropReason unwrap(byte[] wire, int off, int len, long nowNanos, ControlPlaintext out) {
        if (closed) {
            return WrapDrops.CLOSED;
        }
        return open(wire, off, OPCODE_AND_SID, len, nowNanos, out, window);
    }

    @Override
    public DropReason unwrapStateless(byte[] wire, int off, int len, ControlPlaintext out) {
        if (closed) {
            return WrapDrops.CLOSED;
        }
        return open(wire, off, OPCODE_AND_SID, len, 0, out, null);
    }

    /** The inverse of {@link #seal}: out receives header | plaintext. */
    DropReason open(byte[] wire, int off, int headerLength, int len, long nowNanos, ControlPlaintext out) {
        return open(wire, off, headerLength, len, nowNanos, out, window);
    }

    /** {@code replay} null: no window, only id 0 refused. */
    private DropReason open(byte[] wire, int off, int headerLength, int len, long nowNanos, ControlPlaintext out,
                            ReplayWindow replay) {
        if (len < headerLength + REPLAY + TAG) {
            return WrapDrops.TRUNCATED;
        }
        int plainLength = len - headerLength - REPLAY - TAG;
        if (headerLength + plainLength > out.capacity()) {
            return WrapDrops.TOO_LONG;
        }
        int replayAt = off + headerLength;
        int tagAt = replayAt + REPLAY;
        int ctAt = tagAt + TAG;
        byte[] plain = out.bytes();
        try {
            receiveCipher.init(Cipher.DECRYPT_MODE, receiveKeySpec, new IvParameterSpec(wire, tagAt, IV));
            receiveCipher.doFinal(wire, ctAt, plainLength, plain, headerLength);
            receiveMac.update(wire, off, headerLength + REPLAY);
            receiveMac.update(plain, headerLength, plainLength);
            receiveMac.doFinal(tag, 0);
        } catch (ShortBufferException e) {
            return WrapDrops.TOO_LONG;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR/HMAC-SHA256 failed in the JDK", e);
        }
        if (!JceCrypto.equalsConstantTime(tag, 0, wire, tagAt, TAG)) {
            Arrays.fill(plain, headerLength, headerLength + plainLength, (byte) 0);
            return WrapDrops.BAD_TAG;
        }
        long replayId = TlsAuth.readUint32(wire, replayAt);
        DropReason refused = WrapDrops.forReplay(replay == null ? ReplayWindow.checkWithoutState(replayId)
                : replay.accept(replayId, TlsAuth.readUint32(wire, replayAt + 4), nowNanos));
        if (refused != null) {
            Arrays.fill(plain, headerLength, headerLength + plainLength, (byte) 0);
            return refused;
        }
        System.arraycopy(wire, off, plain, 0, headerLength);
        out.setLength(headerLength + plainLength);
        return null;
    }

    @Override
    public void close() {
        closed = true;
        for (byte[] k : new byte[][] {sendKe, sendKa, receiveKe, receiveKa, tag}) {
            Arrays.fill(k, (byte) 0);
        }
        JceCrypto.rekeyWithZeros(sendMac, KEY);
        JceCrypto.rekeyWithZeros(receiveMac, KEY);
        // Drop the specs' key copies and overwrite the ciphers' key schedules as far as the JCE lets us.
        sendKeySpec = new SecretKeySpec(new byte[KEY], "AES");
        receiveKeySpec = sendKeySpec;
        try {
            sendCipher.init(Cipher.ENCRYPT_MODE, sendKeySpec, new IvParameterSpec(new byte[IV]));
            receiveCipher.init(Cipher.DECRYPT_MODE, receiveKeySpec, new IvParameterSpec(new byte[IV]));
        } catch (GeneralSecurityException e) {
            // Nothing more to overwrite with.
        }
    }
}
