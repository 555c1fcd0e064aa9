package dev.culvert.vpn.preauth;

import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.control.TlsCryptV2Drops;
import dev.culvert.vpn.control.WrapDrops;

/** Why a packet from a source without a session was refused before any state was made for it. */
public final class PreAuthDrops {
    /** Shorter than the wrapping's own fields, or empty. */
    public static final DropReason TOO_SHORT = DropReason.refusal("preauth.too-short", "too short for an OpenVPN control packet");
    /** Longer than any control packet 2.6 sends. */
    public static final DropReason TOO_LONG = DropReason.refusal("preauth.too-long", "longer than any OpenVPN control packet");
    /**
     * Not a packet that may open a session: on UDP anything but a P_CONTROL_HARD_RESET_CLIENT_V2
     * (V3 under tls-crypt-v2), or a P_CONTROL_V1 / P_ACK_V1 (P_CONTROL_WKC_V1) that could prove a
     * cookie; on TCP anything but the reset.
     */
    public static final DropReason NOT_A_RESET = DropReason.refusal("preauth.not-a-reset", "an unknown source sent something other than a packet that opens a session");
    /** Key id other than 0: a new session starts with key state 0. */
    public static final DropReason WRONG_KEY_ID = DropReason.refusal("preauth.wrong-key-id", "a new session with a key id other than 0");
    /** tls-auth HMAC or tls-crypt tag wrong (wrong key or direction, or forged), or replay id 0. */
    public static final DropReason BAD_WRAP = DropReason.refusal("preauth.bad-wrap", "its tls-crypt or tls-auth wrapping did not verify (another key or key-direction, or forged)");
    /** The wrapping checked, but the control packet inside is malformed. */
    public static final DropReason MALFORMED = DropReason.refusal("preauth.malformed", "a malformed control packet inside a valid wrapping");
    /** A client hard reset that acknowledges something: there was nothing to acknowledge. */
    public static final DropReason ACK_ON_RESET = DropReason.refusal("preauth.ack-on-reset", "a malformed hard reset (it acknowledges something)");
    /** A client hard reset whose message id is not 0. */
    public static final DropReason BAD_MESSAGE_ID = DropReason.refusal("preauth.bad-message-id", "a malformed hard reset (message id not 0)");
    /** A client hard reset with payload bytes (2.6 clients send none in a V2 reset). */
    public static final DropReason PAYLOAD_ON_RESET = DropReason.refusal("preauth.payload-on-reset", "a malformed hard reset (it carries payload)");
    /** A P_CONTROL_V1 / P_ACK_V1 without an ACK array, so without the cookie to check. */
    public static final DropReason NO_ACK = DropReason.refusal("preauth.no-ack", "a control packet without the acknowledgement that proves its cookie");
    /** The peer-session-id is no cookie of ours for this address, port and client session id. */
    public static final DropReason BAD_COOKIE = DropReason.refusal("preauth.bad-cookie", "its session cookie is not one this server gave that address (forged, or spoofed source)");
    /** The peer-session-id is our cookie from three time slots ago: genuine, but too old. */
    public static final DropReason EXPIRED_COOKIE = DropReason.refusal("preauth.expired-cookie", "its session cookie has expired");
    /** The source address is unresolved, so it has no cookie. */
    public static final DropReason BAD_SOURCE = DropReason.refusal("preauth.bad-source", "an unresolved source address");
    /** Answers to hard resets are over their rate limit (a reflection guard), so this one got none. */
    public static final DropReason RESET_ANSWER_RATE = DropReason.of("preauth.reset-answer-rate");
    /**
     * {@code connect-freq}: a new session was refused by {@link ConnectRateLimit}. The gate does not
     * count this itself; the runtime does, into {@link PreAuthGate#drops()}.
     */
    public static final DropReason CONNECT_FREQ = DropReason.refusal("preauth.connect-freq", "new sessions are over connect-freq");
    /** The gate was closed (its keys wiped). */
    public static final DropReason CLOSED = DropReason.of("preauth.closed");
    /** The caller's arguments were impossible (bounds, reply buffer) or a bug threw; counted, never thrown. */
    public static final DropReason INTERNAL = DropReason.of("preauth.internal");

    /** tls-crypt-v2: the WKc at the end of the packet is out of bounds or its tag is wrong (another server key, or forged). */
    public static final DropReason BAD_CLIENT_KEY = DropReason.refusal("preauth.tls-crypt-v2-bad-key",
            "its tls-crypt-v2 client key did not unwrap (made for another server key, damaged, or forged)");
    /** tls-crypt-v2: a packet that carries no wrapped client key, so none the server could open. */
    public static final DropReason NO_CLIENT_KEY = DropReason.refusal("preauth.tls-crypt-v2-no-key",
            "a tls-crypt-v2 server got a packet without the client's wrapped key (a client without tls-crypt-v2?)");
    /** tls-crypt-v2 with {@code force-cookie}: a v3 reset from a client that cannot send its key again (2.5 or older). */
    public static final DropReason NO_EARLY_NEGOTIATION = DropReason.refusal("preauth.tls-crypt-v2-no-cookie",
            "force-cookie: a tls-crypt-v2 client that cannot resend its key (OpenVPN 2.5 or older)");

    /** The refusal for a packet whose wrapping did not check ({@code unwrapped}, a {@link WrapDrops} or {@link TlsCryptV2Drops} reason). */
    public static DropReason ofUnwrap(DropReason unwrapped) {
        if (unwrapped == TlsCryptV2Drops.BAD_CLIENT_KEY_LENGTH || unwrapped == TlsCryptV2Drops.BAD_CLIENT_KEY_TAG) {
            return BAD_CLIENT_KEY;
        }
        if (unwrapped == TlsCryptV2Drops.NO_CLIENT_KEY) {
            return NO_CLIENT_KEY;
        }
        return unwrapped == WrapDrops.TRUNCATED ? TOO_SHORT : unwrapped == WrapDrops.TOO_LONG ? TOO_LONG : BAD_WRAP;
    }

    private PreAuthDrops() {
    }
}
