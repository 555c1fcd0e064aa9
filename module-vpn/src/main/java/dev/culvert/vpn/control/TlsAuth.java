package dev.culvert.vpn.control;

import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.keys.HmacDigest;
import dev.culvert.vpn.replay.ReplayCounter;
import dev.culvert.vpn.replay.ReplayWindow;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * tls-auth: an HMAC over every control packet (ssl_pkt.c {@code swap_hmac}). On the wire
 *
 * <pre>
 * byte0 | own sid (8) | HMAC (20/32/64) | replay id (4) | replay time (4) | rest of the plain packet
 * </pre>
 *
 * and the HMAC covers {@code replay id | replay time | byte0 | own sid | rest}. The key is the first
 * digest-length bytes of the send (or receive) direction's HMAC slot; cipher slots are unused. The
 * replay id is checked only once the HMAC matched.
 */
public final class TlsAuth implements ControlWrap {
    private static final int HEADER = 9;
    private static final int REPLAY = 8;

    private final HmacDigest digest;
    private final byte[] sendKey;
    private final byte[] receiveKey;
    private final Mac sendMac;
    private final Mac receiveMac;
    private final ReplayCounter counter;
    private final ReplayWindow window;
    private final byte[] scratch = new byte[REPLAY + 64];
    private boolean closed;

    /**
     * @param replayEpochSeconds the wall clock (unix seconds) now, sent as the replay time
     */
    public TlsAuth(StaticKey key, KeyDirection direction, HmacDigest digest, long replayEpochSeconds) {
        this(key, direction, digest, new ReplayCounter(replayEpochSeconds), new ReplayWindow());
    }

    public TlsAuth(StaticKey key, KeyDirection direction, HmacDigest digest, ReplayCounter counter, ReplayWindow window) {
        this.digest = digest;
        this.sendKey = key.hmacKey(direction.sendSlot(), digest.length());
        this.receiveKey = key.hmacKey(direction.receiveSlot(), digest.length());
        this.sendMac = JceCrypto.hmac(digest.jceName(), sendKey);
        this.receiveMac = JceCrypto.hmac(digest.jceName(), receiveKey);
        this.counter = counter;
        this.window = window;
    }

    @Override
    public int overhead() {
        return digest.length() + REPLAY;
    }

    @Override
    public int wrap(byte[] plain, int off, int len, byte[] out, int outOff) {
        return seal(plain, off, len, out, outOff, -1, 0);
    }

    @Override
    public int wrapStateless(byte[] plain, int off, int len, long replayId, long replayTime, byte[] out, int outOff) {
        requireUint32(replayId);
        requireUint32(replayTime);
        return seal(plain, off, len, out, outOff, replayId, replayTime);
    }

    @Override
    public void skipSendReplayIdsThrough(long replayId) {
        counter.skipThrough(replayId);
    }

    /** {@code replayId} -1 takes id and time from the counter. */
    private int seal(byte[] plain, int off, int len, byte[] out, int outOff, long replayId, long replayTime) {
        if (closed) {
            throw new IllegalStateException("tls-auth wrapper was closed");
        }
        int total = len + overhead();
        if (len < HEADER || total > out.length - outOff) {
            throw new IllegalArgumentException("cannot wrap " + len + " bytes into " + (out.length - outOff));
        }
        int h = digest.length();
        int replayAt = outOff + HEADER + h;
        // Copy the tail first: plain and out may be the same array.
        System.arraycopy(plain, off + HEADER, out, replayAt + REPLAY, len - HEADER);
        System.arraycopy(plain, off, out, outOff, HEADER);
        boolean fromCounter = replayId < 0;
        writeUint32(out, replayAt, fromCounter ? counter.next() : replayId);
        writeUint32(out, replayAt + 4, fromCounter ? counter.time() : replayTime);
        sendMac.update(out, replayAt, REPLAY);
        sendMac.update(out, outOff, HEADER);
        sendMac.update(out, replayAt + REPLAY, len - HEADER);
        try {
            sendMac.doFinal(out, outOff + HEADER);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        return total;
    }

    @Override
    public DropReason unwrap(byte[] wire, int off, int len, long nowNanos, ControlPlaintext out) {
        return open(wire, off, len, nowNanos, out, window);
    }

    @Override
    public DropReason unwrapStateless(byte[] wire, int off, int len, ControlPlaintext out) {
        return open(wire, off, len, 0, out, null);
    }

    /** {@code replay} null: no window, only id 0 refused. */
    private DropReason open(byte[] wire, int off, int len, long nowNanos, ControlPlaintext out, ReplayWindow replay) {
        if (closed) {
            return WrapDrops.CLOSED;
        }
        int h = digest.length();
        if (len < HEADER + h + REPLAY) {
            return WrapDrops.TRUNCATED;
        }
        int plainLength = len - h - REPLAY;
        if (plainLength > out.capacity()) {
            return WrapDrops.TOO_LONG;
        }
        int replayAt = off + HEADER + h;
        int restAt = replayAt + REPLAY;
        receiveMac.update(wire, replayAt, REPLAY);
        receiveMac.update(wire, off, HEADER);
        receiveMac.update(wire, restAt, off + len - restAt);
        try {
            receiveMac.doFinal(scratch, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        if (!JceCrypto.equalsConstantTime(scratch, 0, wire, off + HEADER, h)) {
            return WrapDrops.BAD_HMAC;
        }
        long replayId = readUint32(wire, replayAt);
        DropReason refused = WrapDrops.forReplay(replay == null ? ReplayWindow.checkWithoutState(replayId)
                : replay.accept(replayId, readUint32(wire, replayAt + 4), nowNanos));
        if (refused != null) {
            return refused;
        }
        System.arraycopy(wire, off, out.bytes(), 0, HEADER);
        System.arraycopy(wire, restAt, out.bytes(), HEADER, off + len - restAt);
        out.setLength(plainLength);
        return null;
    }

    @Override
    public void close() {
        closed = true;
        Arrays.fill(sendKey, (byte) 0);
        Arrays.fill(receiveKey, (byte) 0);
        Arrays.fill(scratch, (byte) 0);
        JceCrypto.rekeyWithZeros(sendMac, sendKey.length);
        JceCrypto.rekeyWithZeros(receiveMac, receiveKey.length);
    }

    static void requireUint32(long v) {
        if ((v & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("not an unsigned 32-bit number: " + v);
        }
    }

    static long readUint32(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
    }

    static void writeUint32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
