package dev.culvert.vpn.replay;

/** What a {@link ReplayWindow} says about a packet id: accepted, or why not. */
public enum ReplayVerdict {
    /** Not seen before and inside the window: the packet may be delivered. */
    ACCEPTED,
    /** Id 0, which no sender uses (the first id is 1). */
    ZERO_ID,
    /** An id or time that does not fit in 32 bits: no peer can have sent it. */
    OUT_OF_RANGE,
    /** Seen before in this sequence. */
    DUPLICATE,
    /** Further behind the newest id than the window holds. */
    TOO_OLD,
    /** A late id whose slot expired: a newer id arrived more than the time backtrack ago. */
    EXPIRED,
    /** A sender time older than the current sequence's (long form only). */
    OLD_TIME,
    /** Window size 0 (sequential mode): any id but the next one. */
    OUT_OF_SEQUENCE;

    public boolean accepted() {
        return this == ACCEPTED;
    }
}
