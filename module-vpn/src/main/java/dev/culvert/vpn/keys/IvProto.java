package dev.culvert.vpn.keys;

/**
 * The {@code IV_PROTO} bits of peer-info (OpenVPN 2.6 ssl.h). A peer announces only the features
 * it implements: a 2.6 server acts on every bit it sees.
 */
public final class IvProto {
    /** Understands P_DATA_V2 and peer-id; must be set if any other bit is. */
    public static final int DATA_V2 = 1 << 1;
    /** The server may send PUSH_REPLY without waiting for PUSH_REQUEST. */
    public static final int REQUEST_PUSH = 1 << 2;
    /** Supports {@code key-derivation tls-ekm}. */
    public static final int TLS_KEY_EXPORT = 1 << 3;
    /** Accepts {@code AUTH_PENDING,timeout N}. */
    public static final int AUTH_PENDING_KW = 1 << 4;
    /** Peer-to-peer negotiation without {@code pull}. */
    public static final int NCP_P2P = 1 << 5;
    /** Parses a pushed {@code dns} option. */
    public static final int DNS_OPTION = 1 << 6;
    /** Sends and understands the {@code EXIT} control message and accepts {@code protocol-flags}. */
    public static final int CC_EXIT_NOTIFY = 1 << 7;
    /** Accepts {@code AUTH_FAILED,TEMP…}. */
    public static final int AUTH_FAIL_TEMP = 1 << 8;
    /** Dynamic tls-crypt for renegotiations. */
    public static final int DYN_TLS_CRYPT = 1 << 9;
    /** Every bit OpenVPN 2.6 defines; later bits are 2.7's. */
    public static final int ALL_2_6 = DATA_V2 | REQUEST_PUSH | TLS_KEY_EXPORT | AUTH_PENDING_KW | NCP_P2P
            | DNS_OPTION | CC_EXIT_NOTIFY | AUTH_FAIL_TEMP | DYN_TLS_CRYPT;

    private IvProto() {
    }

    public static boolean has(int ivProto, int bit) {
        return (ivProto & bit) == bit;
    }
}
