package dev.culvert.vpn.preauth;

import dev.culvert.core.graph.DropReason;

/**
 * What {@link PreAuthGate#check} decided about one packet. The gate reuses one instance, so a
 * verdict is valid until that gate's next check: read it, then act. Nothing is allocated per packet.
 */
public final class Verdict {
    /** The four outcomes. */
    public enum Kind {
        /** Refused; {@link #reason()} says why (already counted by the gate). */
        DROP,
        /** UDP: a valid hard reset; send {@code replyOut[0, replyLength())} back to the source. Nothing is kept. */
        RESET_ANSWERED,
        /**
         * UDP: the packet proves our cookie; create the session with
         * {@code VpnSession.acceptVerified(.., own = ownSessionId(), client = clientSessionId(), ..)}
         * and feed it this same packet.
         */
        VERIFIED,
        /** TCP: a valid hard reset; create a normal server session and feed it this same packet. */
        NEW_SESSION,
    }

    private Kind kind = Kind.DROP;
    private DropReason reason;
    private int replyLength;
    private long clientSessionId;
    private long ownSessionId;

    public Kind kind() {
        return kind;
    }

    /** Why it was dropped, or null if it was not. */
    public DropReason reason() {
        return reason;
    }

    /** Bytes of the answer written into the caller's {@code replyOut}; 0 unless {@link Kind#RESET_ANSWERED}. */
    public int replyLength() {
        return replyLength;
    }

    /** The client's session id (never 0) unless dropped. */
    public long clientSessionId() {
        return clientSessionId;
    }

    /** Our session id: the cookie sent ({@link Kind#RESET_ANSWERED}) or proven ({@link Kind#VERIFIED}); else 0. */
    public long ownSessionId() {
        return ownSessionId;
    }

    Verdict drop(DropReason why) {
        return set(Kind.DROP, why, 0, 0, 0);
    }

    Verdict set(Kind kind, DropReason reason, int replyLength, long clientSessionId, long ownSessionId) {
        this.kind = kind;
        this.reason = reason;
        this.replyLength = replyLength;
        this.clientSessionId = clientSessionId;
        this.ownSessionId = ownSessionId;
        return this;
    }

    @Override
    public String toString() {
        return kind == Kind.DROP ? "DROP " + reason : kind + " client=" + Long.toHexString(clientSessionId);
    }
}
