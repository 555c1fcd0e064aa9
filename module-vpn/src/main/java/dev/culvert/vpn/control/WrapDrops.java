package dev.culvert.vpn.control;

import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.replay.ReplayVerdict;

/** Why a wrapped control packet was refused before its contents were looked at. */
public final class WrapDrops {
    /** Too short to hold the wrapping's own fields. */
    public static final DropReason TRUNCATED = DropReason.of("vpn.control.wrap-truncated");
    /** Longer than the caller's plaintext buffer: bigger than any control packet 2.6 sends. */
    public static final DropReason TOO_LONG = DropReason.of("vpn.control.wrap-too-long");
    /** tls-auth HMAC did not match: wrong key, wrong key-direction, or forged. */
    public static final DropReason BAD_HMAC = DropReason.of("vpn.control.bad-hmac");
    /** tls-crypt tag did not match after decryption. */
    public static final DropReason BAD_TAG = DropReason.of("vpn.control.bad-tag");
    /** The wrapper was closed and its keys wiped. */
    public static final DropReason CLOSED = DropReason.of("vpn.control.wrap-closed");
    /** Replay id 0, which no sender uses. */
    public static final DropReason REPLAY_ZERO_ID = DropReason.of("vpn.control.replay-zero-id");
    /** A replay id seen before in this sequence. */
    public static final DropReason REPLAY = DropReason.of("vpn.control.replay");
    /** A replay id further behind the newest than the window holds. */
    public static final DropReason REPLAY_TOO_OLD = DropReason.of("vpn.control.replay-too-old");
    /** A late replay id whose window slot expired (newer ids arrived more than the time window ago). */
    public static final DropReason REPLAY_EXPIRED = DropReason.of("vpn.control.replay-expired");
    /** A replay time older than the current sequence's. */
    public static final DropReason REPLAY_OLD_TIME = DropReason.of("vpn.control.replay-old-time");

    private WrapDrops() {
    }

    /** The drop for a replay window's refusal; null when it accepted. */
    static DropReason forReplay(ReplayVerdict verdict) {
        return switch (verdict) {
            case ACCEPTED -> null;
            case ZERO_ID -> REPLAY_ZERO_ID;
            case TOO_OLD -> REPLAY_TOO_OLD;
            case EXPIRED -> REPLAY_EXPIRED;
            case OLD_TIME -> REPLAY_OLD_TIME;
            case DUPLICATE, OUT_OF_RANGE, OUT_OF_SEQUENCE -> REPLAY;
        };
    }
}
