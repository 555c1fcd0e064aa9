package dev.culvert.vpn.control;

import dev.culvert.core.graph.DropReason;

/** Why a tls-crypt-v2 packet was refused, beyond what tls-crypt itself refuses ({@link WrapDrops}). */
public final class TlsCryptV2Drops {
    /** The WKc's length field is out of bounds or does not match where it sits. */
    public static final DropReason BAD_CLIENT_KEY_LENGTH = DropReason.of("vpn.control.tls-crypt-v2-key-length");
    /** The WKc's tag did not match: a client key made for another server key, or forged. */
    public static final DropReason BAD_CLIENT_KEY_TAG = DropReason.of("vpn.control.tls-crypt-v2-key-tag");
    /** A packet other than P_CONTROL_HARD_RESET_CLIENT_V3 or P_CONTROL_WKC_V1 before the client's key is known. */
    public static final DropReason NO_CLIENT_KEY = DropReason.of("vpn.control.tls-crypt-v2-no-key");
    /** The server's reset carried early-negotiation TLVs that do not parse. */
    public static final DropReason BAD_EARLY_NEGOTIATION = DropReason.of("vpn.control.early-negotiation-malformed");
    /** A plain P_CONTROL_HARD_RESET_CLIENT_V2 at a tls-crypt-v2 server. */
    public static final DropReason NOT_V3_RESET = DropReason.of("vpn.control.tls-crypt-v2-not-v3");

    private TlsCryptV2Drops() {
    }
}
