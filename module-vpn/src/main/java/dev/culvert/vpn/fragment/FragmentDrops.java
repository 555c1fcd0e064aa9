package dev.culvert.vpn.fragment;

import dev.culvert.core.graph.DropReason;

/** Why a fragment, or a packet being put together from fragments, was dropped. */
public final class FragmentDrops {
    /** Shorter than the 4-byte header. */
    public static final DropReason TRUNCATED = DropReason.of("vpn.fragment.truncated");
    /** A whole packet's header with sequence or index bits set. */
    public static final DropReason SPURIOUS_WHOLE = DropReason.of("vpn.fragment.spurious-whole");
    /** A part size of 0 or not a multiple of 4. */
    public static final DropReason BAD_SIZE = DropReason.of("vpn.fragment.bad-size");
    /** A part that would put the packet past the largest one this node reassembles. */
    public static final DropReason OVERFLOW = DropReason.of("vpn.fragment.overflow");
    /** The reserved TEST type, which 2.6 never sends. */
    public static final DropReason TEST_TYPE = DropReason.of("vpn.fragment.test-type");
    /** A packet whose parts did not all arrive within 10 s of the last one: its parts are dropped. */
    public static final DropReason EXPIRED = DropReason.of("vpn.fragment.expired");
    /** A packet still incomplete when 25 newer ones had started, or restarted with another part size: its parts are dropped. */
    public static final DropReason OVERTAKEN = DropReason.of("vpn.fragment.overtaken");
    /** Sending: the payload would need more than 32 parts. */
    public static final DropReason TOO_MANY_PARTS = DropReason.of("vpn.fragment.too-many-parts");
    /** Sending: no packet buffer left for a part. */
    public static final DropReason NO_BUFFER = DropReason.of("vpn.fragment.no-buffer");

    private FragmentDrops() {
    }
}
