package dev.culvert.vpn.replay;

import java.util.Arrays;

/**
 * The receive side of OpenVPN's packet-id ({@code packet_id_test}, {@code packet_id_add} and
 * {@code packet_id_reap} in 2.6's packet_id.c, {@code --replay-window n t}), one type for the data
 * channel's short form and the control channel's long form.
 *
 * <p>A sequence is the ids sent under one sender time; the short form has no time and is one
 * sequence (time 0). A larger time starts a new sequence, a smaller one is refused. Within a
 * sequence, with a window of n &gt; 0 ("backtrack mode"): id 0 is refused; an id above the highest
 * seen is accepted; an id at most n−1 below it is accepted once, unless it expired; older ids are
 * refused. A late id expires once some id above it in the window was received more than t ago:
 * 2.6's reap marks everything from the first stale slot (counting from the newest) downwards. With
 * n = 0 ("sequential mode") ids must run 1, 2, 3 … without gaps. Ids and times are unsigned 32-bit;
 * anything wider is refused, so an id never wraps within a sequence.
 *
 * <p>{@link #check} only tests; {@link #accept} tests and records, and callers call it only after
 * the packet authenticated. No allocation per packet. Not thread-safe: one receive path per window.
 */
public final class ReplayWindow {
    public static final int DEFAULT_SIZE = 64;
    public static final int MAX_SIZE = 65536;
    public static final int DEFAULT_TIME_BACKTRACK_SECONDS = 15;
    public static final int MAX_TIME_BACKTRACK_SECONDS = 600;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;
    /** A slot's receive time when its id has not arrived. */
    private static final long UNSEEN = Long.MIN_VALUE;

    private final int size;
    private final long timeBacktrackNanos;
    /** When id {@code i} arrived, at {@code i mod size}, for the ids {@code (highest - size, highest]}. */
    private final long[] receivedAt;
    private boolean started;
    private long sequenceTime;
    /** The highest id accepted in this sequence; 0 before any. */
    private long highest;

    /** 2.6's defaults: n = 64, t = 15 s. */
    public ReplayWindow() {
        this(DEFAULT_SIZE, DEFAULT_TIME_BACKTRACK_SECONDS);
    }

    /**
     * @param size                 n, 0..65536 (0 = sequential mode)
     * @param timeBacktrackSeconds t, 0..600 (0 = slots never expire)
     */
    public ReplayWindow(int size, int timeBacktrackSeconds) {
        if (size < 0 || size > MAX_SIZE || timeBacktrackSeconds < 0 || timeBacktrackSeconds > MAX_TIME_BACKTRACK_SECONDS) {
            throw new IllegalArgumentException("replay-window " + size + " " + timeBacktrackSeconds);
        }
        this.size = size;
        this.timeBacktrackNanos = timeBacktrackSeconds * NANOS_PER_SECOND;
        this.receivedAt = new long[size];
        Arrays.fill(receivedAt, UNSEEN);
    }

    /** How many ids the window remembers below and including the highest (n). */
    public int size() {
        return size;
    }

    /** The highest id accepted in the current sequence (0 before any). */
    public long highest() {
        return highest;
    }

    /** What a receiver without any window can still say about {@code id}: only that 0 is never sent. */
    public static ReplayVerdict checkWithoutState(long id) {
        return id == 0 ? ReplayVerdict.ZERO_ID : ReplayVerdict.ACCEPTED;
    }

    /** Short form (data channel): whether {@code id} would be accepted now; changes nothing. */
    public ReplayVerdict check(long id, long nowNanos) {
        return check(id, 0, nowNanos);
    }

    /** Short form: {@link #check} and, if accepted, records {@code id}. */
    public ReplayVerdict accept(long id, long nowNanos) {
        return accept(id, 0, nowNanos);
    }

    /** Long form (control channel): whether {@code (id, time)} would be accepted now; changes nothing. */
    public ReplayVerdict check(long id, long time, long nowNanos) {
        if (id == 0) {
            return ReplayVerdict.ZERO_ID;
        }
        if (id < 0 || id > MAX_UINT32 || time < 0 || time > MAX_UINT32) {
            return ReplayVerdict.OUT_OF_RANGE;
        }
        if (!started || time > sequenceTime) {
            return ReplayVerdict.ACCEPTED;
        }
        if (time < sequenceTime) {
            return ReplayVerdict.OLD_TIME;
        }
        if (size == 0) {
            return id == highest + 1 ? ReplayVerdict.ACCEPTED : ReplayVerdict.OUT_OF_SEQUENCE;
        }
        if (id > highest) {
            return ReplayVerdict.ACCEPTED;
        }
        if (highest - id >= size) {
            return ReplayVerdict.TOO_OLD;
        }
        if (receivedAt[slot(id)] != UNSEEN) {
            return ReplayVerdict.DUPLICATE;
        }
        return expired(id, nowNanos) ? ReplayVerdict.EXPIRED : ReplayVerdict.ACCEPTED;
    }

    /** Long form: {@link #check} and, if accepted, records {@code (id, time)}. */
    public ReplayVerdict accept(long id, long time, long nowNanos) {
        ReplayVerdict verdict = check(id, time, nowNanos);
        if (verdict.accepted()) {
            record(id, time, nowNanos);
        }
        return verdict;
    }

    private void record(long id, long time, long nowNanos) {
        if (!started || time > sequenceTime) {
            started = true;
            sequenceTime = time;
            Arrays.fill(receivedAt, UNSEEN);
            highest = id;
        } else if (id > highest) {
            if (id - highest >= size) {
                Arrays.fill(receivedAt, UNSEEN);
            } else {
                for (long skipped = highest + 1; skipped < id; skipped++) {
                    receivedAt[slot(skipped)] = UNSEEN;
                }
            }
            highest = id;
        }
        if (size > 0) {
            receivedAt[slot(id)] = nowNanos;
        }
    }

    /** Whether an id above {@code id} in the window arrived more than the time backtrack ago. */
    private boolean expired(long id, long nowNanos) {
        if (timeBacktrackNanos == 0) {
            return false;
        }
        for (long newer = id + 1; newer <= highest; newer++) {
            long at = receivedAt[slot(newer)];
            if (at != UNSEEN && nowNanos - at > timeBacktrackNanos) {
                return true;
            }
        }
        return false;
    }

    private int slot(long id) {
        return (int) (id % size);
    }
}
