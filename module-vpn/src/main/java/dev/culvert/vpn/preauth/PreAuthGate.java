package dev.culvert.vpn.preauth;

import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.control.ControlPlaintext;
import dev.culvert.vpn.control.ControlWrap;
import dev.culvert.vpn.control.EarlyNegotiation;
import dev.culvert.vpn.control.TlsCryptV2Server;
import dev.culvert.vpn.session.ControlWrapFactory;
import dev.culvert.vpn.session.DropCounts;
import dev.culvert.vpn.session.VpnSession;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import dev.culvert.core.packet.RemoteAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * The first check of a packet from a source the server has no session for (openvpn.md §1.5,
 * §5.5; 2.6's mudp.c {@code do_pre_decrypt_check}). It keeps nothing per source: its fields are
 * fixed-size scratch and counters, so a flood of spoofed packets costs CPU and no memory.
 *
 * <ul>
 * <li>UDP ({@code statelessCookies}): a wrapping-checked P_CONTROL_HARD_RESET_CLIENT_V2 (key id 0,
 *     message id 0, no ACKs, no payload) is answered at once with P_CONTROL_HARD_RESET_SERVER_V2
 *     whose session id is the {@link SessionIdCookie} for (source, client sid), ACKing message 0,
 *     message id 0, empty, wrapped with replay id {@link VpnSession#STATELESS_RESET_REPLAY_ID} and
 *     the current time: {@link Verdict.Kind#RESET_ANSWERED}. A P_CONTROL_V1 or P_ACK_V1 with key id 0,
 *     at least one ACK, and a peer-session-id that is our cookie for (source, its sid) within slot
 *     offsets −2..+1 is {@link Verdict.Kind#VERIFIED}.</li>
 * <li>TCP: the TCP handshake already proved the address (2.6 uses no cookie there); a
 *     wrapping-checked hard reset is {@link Verdict.Kind#NEW_SESSION}.</li>
 * </ul>
 *
 * <p>tls-crypt-v2 ({@link TlsCryptV2Server}): a P_CONTROL_HARD_RESET_CLIENT_V3 is a hard reset whose
 * wrapping key the client appended; on UDP, a client that announces early negotiation (replay ids
 * from 0x0f000001) gets the stateless answer with a payload asking for its key again, and proves the
 * cookie with P_CONTROL_WKC_V1; one that does not (2.5) is a {@link Verdict.Kind#NEW_SESSION} as in
 * 2.6, or refused under {@code force-cookie}.
 *
 * <p>Everything else is dropped with a counted {@link PreAuthDrops} reason. The opcode
 * and key id are checked before any MAC is computed. {@link #check} never throws.
 *
 * <p>The runtime asks the gate only about sources without a session, and applies
 * {@link ConnectRateLimit} to {@link Verdict.Kind#VERIFIED} and {@link Verdict.Kind#NEW_SESSION}
 * before it creates one (counting a refusal as {@link PreAuthDrops#CONNECT_FREQ} in {@link #drops()}).
 *
 * <p>One gate per data-plane thread (it is not thread-safe); the cookie, and the counters' readers,
 * may be shared. {@link #close()} wipes the gate's copy of the wrapping keys.
 */
public final class PreAuthGate implements AutoCloseable {
    /** The server's answer before wrapping: byte0, sid, ack_len, one ACK, client sid, message id. */
    static final int ANSWER_PLAIN_LENGTH = 1 + SessionId.LENGTH + 1 + 4 + SessionId.LENGTH + 4;
    /** The early-negotiation payload a tls-crypt-v2 answer adds: one TLV of flags. */
    static final int EARLY_NEGOTIATION_PAYLOAD = 6;
    /** Room for the answer under any wrapping (tls-auth with SHA-512 adds the most: 72 bytes). */
    public static final int MAX_REPLY_LENGTH = ANSWER_PLAIN_LENGTH + EARLY_NEGOTIATION_PAYLOAD + 64 + 8;

    private final SessionIdCookie cookie;
    private final ControlWrap wrap;
    private final boolean statelessCookies;
    private final boolean tlsCryptV2;
    private final boolean forceCookie;
    private final ConnectRateLimit answerLimit;
    private final ControlPlaintext plain = new ControlPlaintext();
    private final ControlPacketView view = new ControlPacketView();
    private final byte[] answer = new byte[ANSWER_PLAIN_LENGTH + EARLY_NEGOTIATION_PAYLOAD];
    private final Verdict verdict = new Verdict();
    private final DropCounts drops = new DropCounts();
    private final LongAdder answered = new LongAdder();
    private final LongAdder verified = new LongAdder();
    private final LongAdder newSessions = new LongAdder();
    private boolean closed;

    /**
     * @param cookie           the process's cookie (shared by all gates)
     * @param wrap             the server's wrapping (none, tls-auth, tls-crypt); the gate makes one
     *                         instance and uses only its stateless unwrap and wrap
     * @param statelessCookies true for a UDP listener, false for TCP
     */
    public PreAuthGate(SessionIdCookie cookie, ControlWrapFactory wrap, boolean statelessCookies) {
        this(cookie, wrap, statelessCookies, null);
    }

    /**
     * As above, and answers to hard resets are limited by {@code answerLimit} (shared by all
     * gates; null for no limit; {@code connect-freq-initial}): each answer is a packet sent to an
     * address nobody proved, so a limit bounds what the server can be made to reflect at a spoofed
     * victim. A proved cookie gives its answer back ({@link ConnectRateLimit#refund()}).
     */
    public PreAuthGate(SessionIdCookie cookie, ControlWrapFactory wrap, boolean statelessCookies, ConnectRateLimit answerLimit) {
        this.cookie = java.util.Objects.requireNonNull(cookie, "cookie");
        this.wrap = wrap.create(0);
        this.statelessCookies = statelessCookies;
        this.tlsCryptV2 = this.wrap instanceof TlsCryptV2Server;
        this.forceCookie = this.wrap instanceof TlsCryptV2Server v2 && v2.forceCookie();
        this.answerLimit = answerLimit;
    }

    /** Bytes {@code replyOut} needs for this gate's answers. */
    public int replyCapacity() {
        return ANSWER_PLAIN_LENGTH + (tlsCryptV2 ? EARLY_NEGOTIATION_PAYLOAD : 0) + wrap.overhead();
    }

    /**
     * Checks one packet ({@code buf[off, off+len)}, a UDP datagram or a TCP packet without its
     * length prefix) from {@code source}, which has no session.
     *
     * @param epochSeconds the wall clock: the cookie's time slot, and the answer's replay time
     * @param nowNanos     the monotonic clock, for the answer rate limit
     * @param replyOut     where an answer goes ({@link #replyCapacity()} bytes; {@link #MAX_REPLY_LENGTH} always do)
     * @return this gate's verdict holder, valid until its next check
     */
    public Verdict check(byte[] buf, int off, int len, InetSocketAddress source, long epochSeconds, long nowNanos,
                         byte[] replyOut) {
        RemoteAddress remote = null;
        if (source != null) {
            remote = RemoteAddress.holder();
            remote.set(source);
        }
        return checkFrom(buf, off, len, remote, epochSeconds, nowNanos, replyOut);
    }

    /**
     * As {@link #check(byte[], int, int, InetSocketAddress, long, long, byte[])}, with the source as
     * the packet carries it: the data path's form, which allocates nothing.
     */
    public Verdict checkFrom(byte[] buf, int off, int len, RemoteAddress source, long epochSeconds, long nowNanos,
                         byte[] replyOut) {
        Verdict v;
        try {
            v = checkUnchecked(buf, off, len, source, epochSeconds, nowNanos, replyOut);
        } catch (RuntimeException e) {
            // A bug of ours must not let a stranger's bytes kill a data-plane thread.
            v = verdict.drop(PreAuthDrops.INTERNAL);
        }
        switch (v.kind()) {
            case DROP -> drops.count(v.reason());
            case RESET_ANSWERED -> answered.increment();
            case VERIFIED -> verified.increment();
            case NEW_SESSION -> newSessions.increment();
        }
        return v;
    }

    private Verdict checkUnchecked(byte[] buf, int off, int len, RemoteAddress source, long epochSeconds, long nowNanos,
                                   byte[] replyOut) {
        if (buf == null || off < 0 || len < 0 || len > buf.length - off || source == null) {
            return verdict.drop(PreAuthDrops.INTERNAL);
        }
        if (closed) {
            return verdict.drop(PreAuthDrops.CLOSED);
        }
        if (len < 1) {
            return verdict.drop(PreAuthDrops.TOO_SHORT);
        }
        Opcode op = Opcode.ofByte0(buf[off]);
        // The v3 opcodes carry a wrapped client key, which only a tls-crypt-v2 server can take.
        boolean v3 = tlsCryptV2 && op == Opcode.CONTROL_HARD_RESET_CLIENT_V3;
        boolean reset = op == Opcode.CONTROL_HARD_RESET_CLIENT_V2 || v3;
        boolean mayProveCookie = statelessCookies
                && (op == Opcode.CONTROL_V1 || op == Opcode.ACK_V1 || tlsCryptV2 && op == Opcode.CONTROL_WKC_V1);
        if (!reset && !mayProveCookie) {
            return verdict.drop(PreAuthDrops.NOT_A_RESET);
        }
        if (Opcode.keyIdOf(buf[off]) != 0) {
            return verdict.drop(PreAuthDrops.WRONG_KEY_ID);
        }
        DropReason unwrapped = wrap.unwrapStateless(buf, off, len, plain);
        if (unwrapped != null) {
            return verdict.drop(PreAuthDrops.ofUnwrap(unwrapped));
        }
        if (view.wrap(plain.bytes(), 0, plain.length()) != null) {
            return verdict.drop(PreAuthDrops.MALFORMED);
        }
        long clientSid = view.sessionId();
        // The replay id sits after opcode and session id in tls-crypt, the only wrapping of a v3 reset.
        boolean earlyNegotiation = v3 && len >= 13
                && EarlyNegotiation.announcedBy(readInt(buf, off + 1 + SessionId.LENGTH) & 0xFFFF_FFFFL);
        return reset ? onReset(clientSid, source, epochSeconds, nowNanos, replyOut, v3, earlyNegotiation)
                : onCookieBearer(clientSid, source, epochSeconds);
    }

    private Verdict onReset(long clientSid, RemoteAddress source, long epochSeconds, long nowNanos, byte[] replyOut,
                            boolean v3, boolean earlyNegotiation) {
        if (view.ackCount() > 0) {
            return verdict.drop(PreAuthDrops.ACK_ON_RESET);
        }
        if (view.messageId() != 0) {
            return verdict.drop(PreAuthDrops.BAD_MESSAGE_ID);
        }
        if (view.payloadLength() > 0) {
            return verdict.drop(PreAuthDrops.PAYLOAD_ON_RESET);
        }
        if (!statelessCookies) {
            return verdict.set(Verdict.Kind.NEW_SESSION, null, 0, clientSid, 0);
        }
        if (v3 && !earlyNegotiation) {
            // A 2.5 client cannot send its key again, so only state can keep it: 2.6 admits it
            // at once unless the server said force-cookie.
            return forceCookie ? verdict.drop(PreAuthDrops.NO_EARLY_NEGOTIATION)
                    : verdict.set(Verdict.Kind.NEW_SESSION, null, 0, clientSid, 0);
        }
        if (!source.isSet()) {
            return verdict.drop(PreAuthDrops.BAD_SOURCE);
        }
        if (replyOut == null || replyOut.length < replyCapacity()) {
            return verdict.drop(PreAuthDrops.INTERNAL);
        }
        if (answerLimit != null && !answerLimit.tryAcquire(nowNanos)) {
            return verdict.drop(PreAuthDrops.RESET_ANSWER_RATE);
        }
        long own = cookie.compute(epochSeconds, source, clientSid);
        int at = 0;
        answer[at++] = (byte) Opcode.CONTROL_HARD_RESET_SERVER_V2.byte0(0);
        writeLong(answer, at, own);
        at += SessionId.LENGTH;
        answer[at++] = 1;
        writeInt(answer, at, 0);
        at += 4;
        writeLong(answer, at, clientSid);
        at += SessionId.LENGTH;
        writeInt(answer, at, 0);
        at += 4;
        if (v3) {
            // Ask the client to send its wrapped key again with its message 1, since we keep it nowhere.
            byte[] tlv = EarlyNegotiation.resendWkcPayload();
            System.arraycopy(tlv, 0, answer, at, tlv.length);
            at += tlv.length;
        }
        int n = wrap.wrapStateless(answer, 0, at, VpnSession.STATELESS_RESET_REPLAY_ID,
                epochSeconds & 0xFFFF_FFFFL, replyOut, 0);
        return verdict.set(Verdict.Kind.RESET_ANSWERED, null, n, clientSid, own);
    }

    private Verdict onCookieBearer(long clientSid, RemoteAddress source, long epochSeconds) {
        if (view.ackCount() == 0) {
            return verdict.drop(PreAuthDrops.NO_ACK);
        }
        if (!source.isSet()) {
            return verdict.drop(PreAuthDrops.BAD_SOURCE);
        }
        long claimed = view.peerSessionId();
        int offset = cookie.matchingSlotOffset(claimed, epochSeconds, source, clientSid);
        if (offset >= SessionIdCookie.OLDEST_ACCEPTED_OFFSET && offset <= SessionIdCookie.NEWEST_ACCEPTED_OFFSET) {
            if (answerLimit != null) {
                answerLimit.refund(); // the answer reached a real client: 2.6 counts only the unproved against the limit
            }
            return verdict.set(Verdict.Kind.VERIFIED, null, 0, clientSid, claimed);
        }
        return verdict.drop(offset == SessionIdCookie.EXPIRED_OFFSET ? PreAuthDrops.EXPIRED_COOKIE : PreAuthDrops.BAD_COOKIE);
    }

    /**
     * The metadata (type byte first) of the tls-crypt-v2 client key that a packet this gate let
     * through ({@link Verdict.Kind#VERIFIED} or {@link Verdict.Kind#NEW_SESSION}) ends in, for
     * {@code tls-crypt-v2-verify}; null without tls-crypt-v2 or without such a key.
     */
    public byte[] clientKeyMetadata(byte[] buf, int off, int len) {
        return !closed && wrap instanceof TlsCryptV2Server v2 ? v2.metadataOf(buf, off, len) : null;
    }

    /** Refusals by reason (thread-safe to read; the runtime may count {@link PreAuthDrops#CONNECT_FREQ} here too). */
    public DropCounts drops() {
        return drops;
    }

    /** Hard resets answered statelessly. */
    public long resetsAnswered() {
        return answered.sum();
    }

    /** Packets that proved a cookie. */
    public long cookiesVerified() {
        return verified.sum();
    }

    /** TCP hard resets let through. */
    public long newSessions() {
        return newSessions.sum();
    }

    /** Wipes the gate's wrapping keys; later checks drop everything as {@link PreAuthDrops#CLOSED}. */
    @Override
    public void close() {
        closed = true;
        wrap.close();
    }

    private static void writeLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | b[off + 3] & 0xff;
    }

    private static void writeInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
