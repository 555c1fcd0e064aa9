package dev.culvert.vpn.data;

import java.util.Arrays;

/**
 * The receive-side packet-id check of one key and direction, with the semantics of OpenVPN 2.6
 * packet_id.c ({@code packet_id_test}, {@code packet_id_add}, {@code packet_id_reap}) for the
 * short (4-byte, no timestamp) form the data channel uses.
 *
 * <p>With a window of n &gt; 0 ("backtrack mode"): id 0 is refused; an id above the highest seen
 * is accepted; an id at most n−1 below it is accepted once, unless its slot has expired; older
 * ids are refused. A slot expires when some slot at least as new was recorded more than t
 * seconds ago (expiry runs from the newest slot to the oldest and marks everything past the
 * first stale one, as {@code packet_id_reap} does, at most once per second). With n = 0
 * ("sequential mode", 2.6's behaviour when the window is off) ids must run 1, 2, 3 … without
 * gaps.
 *
 * <p>{@link #check} only tests; {@link #accept} records. The data channel calls {@link #accept}
 * only after the packet authenticated, and {@link #checkAndAccept} does both. Not thread-safe:
 * one receive path per key.
 */
public final class ReplayWindow {
    public static final int DEFAULT_SIZE = 64;
    public static final int MAX_SIZE = 65536;
    public static final int DEFAULT_TIME_BACKTRACK_SECONDS = 15;
    public static final int MAX_TIME_BACKTRACK_SECONDS = 600;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long UNSEEN = Long.MIN_VALUE;
    private static final long EXPIRED = Long.MIN_VALUE + 1;
    private static final long NEVER_REAPED = Long.MIN_VALUE;

    private final int size;
    private final long timeBacktrack;
    /** Slot of id {@code highest - i} is {@code seen[(head - i) mod size]}: the second it was recorded, or a marker. */
    private final long[] seen;
    private int head;
    private int filled;
    /** The highest id the window covers ({@code p->id}); 0 before the first packet. */
    private long highest;
    private long lastReapSecond = NEVER_REAPED;

    public ReplayWindow() {
        this(DEFAULT_SIZE, DEFAULT_TIME_BACKTRACK_SECONDS);
    }

    /**
     * @param size                  n, 0..65536 (0 = sequential mode)
     * @param timeBacktrackSeconds  t, 0..600 (0 = slots never expire)
     */
    public ReplayWindow(int size, int timeBacktrackSeconds) {
        if (size < 0 || size > MAX_SIZE || timeBacktrackSeconds < 0 || timeBacktrackSeconds > MAX_TIME_BACKTRACK_SECONDS) {
            throw new IllegalArgumentException("replay-window " + size + " " + timeBacktrackSeconds);
        }
        this.size = size;
        this.timeBacktrack = timeBacktrackSeconds;
        this.seen = new long[size];
        Arrays.fill(seen, UNSEEN);
    }

    public int size() {
        return size;
    }

    /** The highest packet id accepted so far (0 before any). */
    public long highest() {
        return highest;
    }

    /** Whether {@code id} (unsigned 32-bit) would be accepted at {@code nowNanos}; changes nothing but expiry. */
    public boolean check(long id, long nowNanos) {
        reapIfDue(second(nowNanos));
        if (id <= 0 || id > 0xFFFF_FFFFL) {
            return false;
        }
        if (size == 0) {
            return highest == 0 || id == highest + 1;
        }
        if (id > highest) {
            return true;
        }
        long diff = highest - id;
        if (diff >= filled) {
            return false;
        }
        return slot(diff) == UNSEEN;
    }

    /** Records {@code id} as received at {@code nowNanos}; call only for an id {@link #check} passed. */
    public void accept(long id, long nowNanos) {
        long now = second(nowNanos);
        if (size == 0) {
            highest = id;
            return;
        }
        if (filled == 0 || (id >= size && id - size > highest)) {
            // A jump past the whole window starts it afresh just below the new id.
            highest = id > size ? id - size : 0;
            filled = 0;
            head = 0;
        }
        while (highest < id) {
            head = head + 1 == size ? 0 : head + 1;
            seen[head] = UNSEEN;
            if (filled < size) {
                filled++;
            }
            highest++;
        }
        long diff = highest - id;
        if (diff < filled) {
            seen[index(diff)] = now;
        }
    }

    /** {@link #check} then, if it passed, {@link #accept}. */
    public boolean checkAndAccept(long id, long nowNanos) {
        if (!check(id, nowNanos)) {
            return false;
        }
        accept(id, nowNanos);
        return true;
    }

    private void reapIfDue(long now) {
        if (now == lastReapSecond) {
            return;
        }
        lastReapSecond = now;
        if (timeBacktrack == 0) {
            return;
        }
        boolean expire = false;
        for (int i = 0; i < filled; i++) {
            int at = index(i);
            long t = seen[at];
            if (t == EXPIRED) {
                break;
            }
            if (!expire && t != UNSEEN && t + timeBacktrack < now) {
                expire = true;
            }
            if (expire) {
                seen[at] = EXPIRED;
            }
        }
    }

    private long slot(long diff) {
        return seen[index(diff)];
    }

    private int index(long diff) {
        int i = head - (int) diff;
        return i < 0 ? i + size : i;
    }

    private static long second(long nanos) {
        return Math.floorDiv(nanos, NANOS_PER_SECOND);
    }
}
