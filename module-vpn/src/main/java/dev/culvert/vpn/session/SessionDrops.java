package dev.culvert.vpn.session;

import dev.culvert.core.graph.DropReason;

/** Why the session refused incoming bytes, beyond what the wrapping, wire and reliability layers name. */
public final class SessionDrops {
    /** Nothing in it. */
    public static final DropReason EMPTY = DropReason.of("vpn.session.empty");
    /** A control opcode 2.6 does not accept (key method 1, the V1 server reset, an unknown code). */
    public static final DropReason BAD_OPCODE = DropReason.of("vpn.session.bad-opcode");
    /** A client reset at a client, or a server reset at a server. */
    public static final DropReason WRONG_ROLE_RESET = DropReason.of("vpn.session.wrong-role-reset");
    /** A control packet for a key id this session has no key state for, and that starts none. */
    public static final DropReason UNKNOWN_KEY_ID = DropReason.of("vpn.session.unknown-key-id");
    /** A soft reset whose key id is not the next one (2.6: "key IDs out of sync"). */
    public static final DropReason KEY_ID_OUT_OF_SYNC = DropReason.of("vpn.session.key-id-out-of-sync");
    /** A control packet from a session id that is not the peer's. */
    public static final DropReason WRONG_SESSION = DropReason.of("vpn.session.wrong-session");
    /** The session is closed or failed; nothing more is taken. */
    public static final DropReason CLOSED = DropReason.of("vpn.session.closed");
    /** A data packet given to the control side, or a control packet to the data side. */
    public static final DropReason WRONG_SIDE = DropReason.of("vpn.session.wrong-side");
    /** A key-method-2 message that did not parse. */
    public static final DropReason BAD_KEY_METHOD_2 = DropReason.of("vpn.session.bad-key-method-2");
    /** Server: a PUSH_REQUEST within 30 s of the PUSH_REPLY (one already on its way when the server pushed first). */
    public static final DropReason PUSH_REQUEST_REPEATED = DropReason.of("vpn.session.push-request-repeated");
    /** TLS plaintext after key method 2 that is no control message, or one this role does not take. */
    public static final DropReason UNEXPECTED_MESSAGE = DropReason.of("vpn.session.unexpected-message");
    /** A PUSH_REPLY that did not parse or was not acceptable. */
    public static final DropReason BAD_PUSH_REPLY = DropReason.of("vpn.session.bad-push-reply");
    /** TLS bytes that did not fit the control channel's stream buffer. */
    public static final DropReason TLS_OVERFLOW = DropReason.of("vpn.session.tls-overflow");
    /** An OCC message other than EXIT (2.6 in TLS mode never needs one answered). */
    public static final DropReason OCC_IGNORED = DropReason.of("vpn.session.occ-ignored");
    /** Point-to-point: the peer's data-ciphers and this side's share no cipher (the session fails). */
    public static final DropReason NO_SHARED_CIPHER = DropReason.of("vpn.session.no-shared-cipher");
    /** Point-to-point: the TLS exporter gave no p2p peer-id; the fixed one is used, as 2.6 does. */
    public static final DropReason PEER_ID_EXPORT_FAILED = DropReason.of("vpn.session.peer-id-export-failed");
    /**
     * More TLS records came while the peer's certificates waited for their verifier
     * ({@code tls-verify}) than a peer following the protocol sends then (its key-method-2 message,
     * a control message or two): the session fails rather than hold them without bound.
     */
    public static final DropReason TOO_MANY_WHILE_VERIFYING = DropReason.of("vpn.session.too-many-while-verifying");

    /** A later key's peer certificate has another common name than key id 0's (2.6: "TLS object CN attempted to change"). */
    public static final DropReason COMMON_NAME_CHANGED = DropReason.of("vpn.cert.common-name-changed");
    /** A later key's peer certificates differ from key id 0's under the same common name (2.6 compares their SHA-256 hashes). */
    public static final DropReason CERTIFICATE_CHANGED = DropReason.of("vpn.cert.certificate-changed");

    private SessionDrops() {
    }
}
