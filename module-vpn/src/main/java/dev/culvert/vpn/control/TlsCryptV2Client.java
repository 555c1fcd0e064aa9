package dev.culvert.vpn.control;

import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.replay.ReplayCounter;
import dev.culvert.vpn.replay.ReplayWindow;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.Opcode;
import java.util.Arrays;

/**
 * A client's tls-crypt-v2 wrapping (tls_crypt.c, ssl.c; openvpn.md §2.6, §5.6): tls-crypt with the
 * client's own key Kc (client side: sends with keys[1]), and its wrapped copy WKc appended in the
 * clear where the server needs it, since the server keeps no key per client.
 *
 * <ul>
 * <li>The hard reset goes out as P_CONTROL_HARD_RESET_CLIENT_V3 with WKc: the session queues a
 *     plain P_CONTROL_HARD_RESET_CLIENT_V2 and this wrapping gives it its v3 opcode.</li>
 * <li>Replay ids start at {@link EarlyNegotiation#REPLAY_ID_START}, which tells a 2.6 server it
 *     may answer without keeping state. If its reset asks for the key again
 *     ({@link EarlyNegotiation#FLAG_RESEND_WKC}), message 1 of key id 0 (and each retransmission of
 *     it) goes out as P_CONTROL_WKC_V1 with WKc.</li>
 * </ul>
 *
 * {@link #overhead()} counts WKc, so a packet that carries it still fits the control packet size.
 */
public final class TlsCryptV2Client implements ControlWrap {
    private final TlsCrypt inner;
    private final byte[] wrappedKey;
    private final ControlPacketView view = new ControlPacketView();
    private byte[] scratch = new byte[0];
    private boolean resendWkc;

    private TlsCryptV2Client(TlsCrypt inner, byte[] wrappedKey) {
        this.inner = inner;
        this.wrappedKey = wrappedKey;
    }

    /** A session's wrapping, with a fresh replay counter from {@code replayEpochSeconds} and 2.6's default window. */
    public static TlsCryptV2Client create(TlsCryptV2ClientKey key, long replayEpochSeconds) {
        return create(key, replayEpochSeconds, new ReplayWindow());
    }

    /** As {@link #create(TlsCryptV2ClientKey, long)}, receiving through {@code window} ({@code replay-window}). */
    public static TlsCryptV2Client create(TlsCryptV2ClientKey key, long replayEpochSeconds, ReplayWindow window) {
        ReplayCounter counter = new ReplayCounter(replayEpochSeconds);
        counter.skipThrough(EarlyNegotiation.REPLAY_ID_START);
        return new TlsCryptV2Client(new TlsCrypt(key.clientKey(), KeyDirection.INVERSE, counter, window), key.wrapped().clone());
    }

    @Override
    public int overhead() {
        return inner.overhead() + wrappedKey.length;
    }

    /** Whether the server's reset asked for the wrapped key again. */
    public boolean resendingWrappedKey() {
        return resendWkc;
    }

    @Override
    public int wrap(byte[] plain, int off, int len, byte[] out, int outOff) {
        Opcode onWire = wireOpcode(plain, off, len);
        if (onWire == null) {
            return inner.wrap(plain, off, len, out, outOff);
        }
        if (scratch.length < len) {
            scratch = new byte[len];
        }
        System.arraycopy(plain, off, scratch, 0, len);
        scratch[0] = (byte) onWire.byte0(Opcode.keyIdOf(plain[off]));
        int n = inner.wrap(scratch, 0, len, out, outOff);
        Arrays.fill(scratch, 0, len, (byte) 0);
        if (wrappedKey.length > out.length - outOff - n) {
            throw new IllegalArgumentException("no room for the wrapped client key after " + n + " bytes");
        }
        System.arraycopy(wrappedKey, 0, out, outOff + n, wrappedKey.length);
        return n + wrappedKey.length;
    }

    /** The opcode a packet that carries WKc goes out with, or null for one that goes out as it is. */
    private Opcode wireOpcode(byte[] plain, int off, int len) {
        Opcode op = Opcode.ofByte0(plain[off]);
        if (op == Opcode.CONTROL_HARD_RESET_CLIENT_V2) {
            return Opcode.CONTROL_HARD_RESET_CLIENT_V3;
        }
        if (resendWkc && op == Opcode.CONTROL_V1 && Opcode.keyIdOf(plain[off]) == 0
                && view.wrap(plain, off, len) == null && view.messageId() == 1) {
            return Opcode.CONTROL_WKC_V1;
        }
        return null;
    }

    @Override
    public DropReason unwrap(byte[] wire, int off, int len, long nowNanos, ControlPlaintext out) {
        DropReason refused = inner.unwrap(wire, off, len, nowNanos, out);
        if (refused != null) {
            return refused;
        }
        byte[] plain = out.bytes();
        if (Opcode.ofByte0(plain[0]) == Opcode.CONTROL_HARD_RESET_SERVER_V2 && Opcode.keyIdOf(plain[0]) == 0
                && view.wrap(plain, 0, out.length()) == null) {
            int flags = EarlyNegotiation.flags(plain, view.payloadOffset(), view.payloadLength());
            if (flags == EarlyNegotiation.MALFORMED) {
                Arrays.fill(plain, 0, out.length(), (byte) 0);
                out.setLength(0);
                return TlsCryptV2Drops.BAD_EARLY_NEGOTIATION;
            }
            resendWkc = EarlyNegotiation.resendWkc(flags);
        }
        return null;
    }

    @Override
    public DropReason unwrapStateless(byte[] wire, int off, int len, ControlPlaintext out) {
        return inner.unwrapStateless(wire, off, len, out);
    }

    @Override
    public int wrapStateless(byte[] plain, int off, int len, long replayId, long replayTime, byte[] out, int outOff) {
        return inner.wrapStateless(plain, off, len, replayId, replayTime, out, outOff);
    }

    @Override
    public void skipSendReplayIdsThrough(long replayId) {
        inner.skipSendReplayIdsThrough(replayId);
    }

    @Override
    public void close() {
        inner.close();
        Arrays.fill(wrappedKey, (byte) 0);
        Arrays.fill(scratch, (byte) 0);
    }
}
