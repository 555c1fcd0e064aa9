package dev.culvert.vpn.control;

import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.replay.ReplayCounter;
import dev.culvert.vpn.replay.ReplayWindow;
import dev.culvert.vpn.wire.Opcode;
import java.util.Arrays;

/**
 * A server's tls-crypt-v2 wrapping (tls_crypt.c {@code tls_crypt_v2_extract_client_key}, ssl_pkt.c;
 * openvpn.md §2.6): the server holds no key per client, only the server key. A client's
 * P_CONTROL_HARD_RESET_CLIENT_V3 and P_CONTROL_WKC_V1 end in WKc, its key Kc wrapped by the server
 * key: WKc is located by its last two bytes, bounded, unwrapped and checked, and only then is the
 * packet before it unwrapped as tls-crypt with Kc (server side: receives with keys[1]).
 *
 * <p>A session's wrapping keeps the first Kc that opened a packet and ignores the WKc of later ones,
 * as 2.6 does. The stateless operations, which a pre-authentication gate uses, keep nothing between
 * packets but the key of the last one, for the answer to it.
 *
 * <p>Past the wrapping the packets read as tls-crypt's: the v3 reset as a
 * P_CONTROL_HARD_RESET_CLIENT_V2 and P_CONTROL_WKC_V1 as P_CONTROL_V1, which is what they are with
 * the key taken off.
 */
public final class TlsCryptV2Server implements ControlWrap {
    /** The shortest tls-crypt packet that can precede WKc: opcode, session id, replay id, tag. */
    private static final int SHORTEST_PACKET = TlsCrypt.OPCODE_AND_SID + 8 + 32;

    private final WrappedClientKey unwrapper;
    private final boolean forceCookie;
    private final ReplayCounter counter;
    private final ReplayWindow window;
    private final byte[] clientKey = new byte[StaticKey.LENGTH];
    private TlsCrypt session;
    private TlsCrypt lastStateless;
    /** Why {@link #keyed} found no key, for its caller to return. */
    private DropReason lastRefusal;
    private boolean closed;

    /**
     * @param forceCookie {@code force-cookie}: the gate refuses v3 resets that do not announce early negotiation
     */
    public TlsCryptV2Server(TlsCryptV2ServerKey serverKey, boolean forceCookie, long replayEpochSeconds) {
        this(serverKey, forceCookie, replayEpochSeconds, new ReplayWindow());
    }

    /** As above, receiving through {@code window} ({@code replay-window}). */
    public TlsCryptV2Server(TlsCryptV2ServerKey serverKey, boolean forceCookie, long replayEpochSeconds, ReplayWindow window) {
        this.unwrapper = new WrappedClientKey(serverKey);
        this.forceCookie = forceCookie;
        this.counter = new ReplayCounter(replayEpochSeconds);
        this.window = window;
    }

    /** Whether v3 resets without early negotiation are refused before any state ({@code force-cookie}). */
    public boolean forceCookie() {
        return forceCookie;
    }

    @Override
    public int overhead() {
        return SHORTEST_PACKET - TlsCrypt.OPCODE_AND_SID;
    }

    @Override
    public int wrap(byte[] plain, int off, int len, byte[] out, int outOff) {
        if (session == null) {
            throw new IllegalStateException("no tls-crypt-v2 client key yet: the client speaks first");
        }
        return session.wrap(plain, off, len, out, outOff);
    }

    @Override
    public DropReason unwrap(byte[] wire, int off, int len, long nowNanos, ControlPlaintext out) {
        if (closed) {
            return WrapDrops.CLOSED;
        }
        int keyAt = wrappedKeyLength(wire, off, len);
        if (keyAt < 0) {
            return keyAt == -1 ? TlsCryptV2Drops.BAD_CLIENT_KEY_LENGTH : sessionUnwrap(wire, off, len, nowNanos, out);
        }
        if (session != null) {
            return normalized(session.unwrap(wire, off, len - keyAt, nowNanos, out), out);
        }
        TlsCrypt candidate = keyed(wire, off, len, keyAt);
        if (candidate == null) {
            return lastRefusal;
        }
        DropReason refused = candidate.unwrap(wire, off, len - keyAt, nowNanos, out);
        if (refused != null) {
            candidate.close();
            return refused;
        }
        session = candidate;
        return normalized(null, out);
    }

    private DropReason sessionUnwrap(byte[] wire, int off, int len, long nowNanos, ControlPlaintext out) {
        return session == null ? TlsCryptV2Drops.NO_CLIENT_KEY : session.unwrap(wire, off, len, nowNanos, out);
    }

    @Override
    public DropReason unwrapStateless(byte[] wire, int off, int len, ControlPlaintext out) {
        if (closed) {
            return WrapDrops.CLOSED;
        }
        forgetStateless();
        int keyAt = wrappedKeyLength(wire, off, len);
        if (keyAt < 0) {
            return keyAt == -1 ? TlsCryptV2Drops.BAD_CLIENT_KEY_LENGTH : TlsCryptV2Drops.NO_CLIENT_KEY;
        }
        TlsCrypt candidate = keyed(wire, off, len, keyAt);
        if (candidate == null) {
            return lastRefusal;
        }
        DropReason refused = candidate.unwrapStateless(wire, off, len - keyAt, out);
        if (refused != null) {
            candidate.close();
            return refused;
        }
        lastStateless = candidate;
        return normalized(null, out);
    }

    /**
     * The metadata (type byte first) of the WKc that {@code wire[off, off+len)} ends in, for
     * {@code tls-crypt-v2-verify}; null when the packet carries no WKc this server key made.
     */
    public byte[] metadataOf(byte[] wire, int off, int len) {
        if (closed) {
            return null;
        }
        int keyAt = wrappedKeyLength(wire, off, len);
        if (keyAt < 0) {
            return null;
        }
        try {
            return unwrapper.metadata(wire, off + len - keyAt, keyAt);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Answers the packet {@link #unwrapStateless} last accepted, with that client's key. */
    @Override
    public int wrapStateless(byte[] plain, int off, int len, long replayId, long replayTime, byte[] out, int outOff) {
        if (lastStateless == null) {
            throw new IllegalStateException("no client key: answer only a packet unwrapStateless accepted");
        }
        return lastStateless.wrapStateless(plain, off, len, replayId, replayTime, out, outOff);
    }

    @Override
    public void skipSendReplayIdsThrough(long replayId) {
        counter.skipThrough(replayId);
    }

    /**
     * The length of the WKc a v3 reset or P_CONTROL_WKC_V1 ends in; -1 when its length field is out
     * of bounds, -2 for a packet of another opcode, which carries none.
     */
    private static int wrappedKeyLength(byte[] wire, int off, int len) {
        if (len < 1) {
            return -1;
        }
        Opcode op = Opcode.ofByte0(wire[off]);
        if (op != Opcode.CONTROL_HARD_RESET_CLIENT_V3 && op != Opcode.CONTROL_WKC_V1) {
            return -2;
        }
        if (len < SHORTEST_PACKET + WrappedClientKey.MIN_LENGTH) {
            return -1;
        }
        int declared = (wire[off + len - 2] & 0xff) << 8 | wire[off + len - 1] & 0xff;
        if (declared < WrappedClientKey.MIN_LENGTH || declared > WrappedClientKey.MAX_LENGTH || declared > len - SHORTEST_PACKET) {
            return -1;
        }
        return declared;
    }

    /** A tls-crypt wrapping with the Kc the packet's WKc holds, or null with {@link #lastRefusal} set. */
    private TlsCrypt keyed(byte[] wire, int off, int len, int keyLength) {
        DropReason refused = unwrapper.unwrap(wire, off + len - keyLength, keyLength, clientKey);
        if (refused != null) {
            lastRefusal = refused;
            return null;
        }
        try (StaticKey kc = StaticKey.ofBytes(clientKey)) {
            return new TlsCrypt(kc, KeyDirection.NORMAL, counter, window);
        } finally {
            Arrays.fill(clientKey, (byte) 0);
        }
    }

    /** The v2-era opcode of an accepted packet: what it is with the key taken off. */
    private static DropReason normalized(DropReason refused, ControlPlaintext out) {
        if (refused == null) {
            byte[] plain = out.bytes();
            Opcode op = Opcode.ofByte0(plain[0]);
            int keyId = Opcode.keyIdOf(plain[0]);
            if (op == Opcode.CONTROL_HARD_RESET_CLIENT_V3) {
                plain[0] = (byte) Opcode.CONTROL_HARD_RESET_CLIENT_V2.byte0(keyId);
            } else if (op == Opcode.CONTROL_WKC_V1) {
                plain[0] = (byte) Opcode.CONTROL_V1.byte0(keyId);
            }
        }
        return refused;
    }

    private void forgetStateless() {
        if (lastStateless != null) {
            lastStateless.close();
            lastStateless = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        forgetStateless();
        if (session != null) {
            session.close();
        }
        unwrapper.close();
        Arrays.fill(clientKey, (byte) 0);
    }
}
