package dev.culvert.vpn.control;

/**
 * 2.6's early negotiation (ssl.c {@code parse_early_negotiation_tlvs}, openvpn.md §5.6), which
 * only tls-crypt-v2 uses. A client that can send its wrapped key again starts its replay ids at
 * {@link #REPLAY_ID_START}; a server that answered it without keeping state says so in its reset's
 * payload, a list of {@code type(2) | length(2) | value} entries, of which only
 * {@link #TYPE_FLAGS} with {@link #FLAG_RESEND_WKC} means anything. The client then sends its
 * message 1 as P_CONTROL_WKC_V1, with the key appended.
 */
public final class EarlyNegotiation {
    /** The replay counter of a client that supports it starts here (ids 0x0f000001 on). */
    public static final long REPLAY_ID_START = 0x0f00_0000L;
    static final long REPLAY_ID_MASK = 0xff00_0000L;
    static final int TYPE_FLAGS = 0x0001;
    static final int FLAG_RESEND_WKC = 0x0001;
    /** The server's payload asking for the key again: one flags entry. */
    private static final byte[] RESEND_WKC = {0, 1, 0, 2, 0, 1};

    /** The payload's answer: the flags, or {@link #MALFORMED}. */
    public static final int MALFORMED = -1;

    private EarlyNegotiation() {
    }

    /** Whether a reset's replay id says its sender can resend its wrapped key. */
    public static boolean announcedBy(long replayId) {
        return (replayId & REPLAY_ID_MASK) == REPLAY_ID_START;
    }

    /**
     * The flags in the TLV list {@code buf[off, off+len)}: 0 for an empty list, {@link #MALFORMED}
     * when an entry runs past the end or the flags entry is not 2 bytes long. Unknown types are
     * skipped, as 2.6 skips them.
     */
    public static int flags(byte[] buf, int off, int len) {
        int flags = 0;
        int at = off;
        int end = off + len;
        while (at < end) {
            if (end - at < 4) {
                return MALFORMED;
            }
            int type = u16(buf, at);
            int length = u16(buf, at + 2);
            at += 4;
            if (end - at < length) {
                return MALFORMED;
            }
            if (type == TYPE_FLAGS) {
                if (length != 2) {
                    return MALFORMED;
                }
                flags |= u16(buf, at);
            }
            at += length;
        }
        return flags;
    }

    /** Whether {@code flags} ask for the wrapped key again. */
    public static boolean resendWkc(int flags) {
        return flags != MALFORMED && (flags & FLAG_RESEND_WKC) != 0;
    }

    /** The server's reset payload asking for the key again. */
    public static byte[] resendWkcPayload() {
        return RESEND_WKC.clone();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }
}
