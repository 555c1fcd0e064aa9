package dev.culvert.vpn.control;

import dev.culvert.core.graph.DropReason;
import java.util.Arrays;

/**
 * The receive side of the long-form replay packet-id (8 bytes: uint32 id, uint32 sender time) that
 * tls-auth and tls-crypt put on every control packet (packet_id.c, {@code --replay-window n t}).
 *
 * <p>Within one sender time, ids may arrive out of order if they are at most {@code n - 1} behind the
 * newest and unseen. A late id is also refused once some id at or above it in the window was
 * received more than {@code t} ago (2.6's {@code packet_id_reap} expires the tail from the first old
 * entry down). A larger sender time starts a new sequence; a smaller one is refused; id 0 always is.
 * Only {@link #accept} changes the state, and it is called after the packet authenticated.
 */
public final class ReplayWindow {
    public static final int DEFAULT_SIZE = 64;
    public static final long DEFAULT_TIME_NANOS = 15_000_000_000L;

    private final int size;
    private final long timeWindowNanos;
    private final boolean[] received;
    private final long[] receivedAt;
    private boolean started;
    private long sequenceTime;
    private long highest;

    public ReplayWindow() {
        this(DEFAULT_SIZE, DEFAULT_TIME_NANOS);
    }

    /**
     * @param size            ids remembered behind the newest (2.6: {@code --replay-window n}, bounded 1..65536)
     * @param timeWindowNanos how long a late id may trail (2.6: {@code t} seconds); 0 disables the check
     */
    public ReplayWindow(int size, long timeWindowNanos) {
        if (size < 1 || size > 65536 || timeWindowNanos < 0) {
            throw new IllegalArgumentException("replay window " + size + " / " + timeWindowNanos + " ns");
        }
        this.size = size;
        this.timeWindowNanos = timeWindowNanos;
        this.received = new boolean[size];
        this.receivedAt = new long[size];
    }

    /** Whether {@code (id, time)} would be accepted now; changes nothing. Ids and times are uint32. */
    public DropReason check(long id, long time, long nowNanos) {
        if (id == 0) {
            return WrapDrops.REPLAY_ZERO_ID;
        }
        if (!started || time > sequenceTime) {
            return null;
        }
        if (time < sequenceTime) {
            return WrapDrops.REPLAY_OLD_TIME;
        }
        if (id > highest) {
            return null;
        }
        long behind = highest - id;
        if (behind >= size) {
            return WrapDrops.REPLAY_TOO_OLD;
        }
        if (received[slot(id)]) {
            return WrapDrops.REPLAY;
        }
        if (timeWindowNanos > 0) {
            for (long j = id + 1; j <= highest; j++) {
                int s = slot(j);
                if (received[s] && nowNanos - receivedAt[s] > timeWindowNanos) {
                    return WrapDrops.REPLAY_EXPIRED;
                }
            }
        }
        return null;
    }

    /** What a receiver without any window can still say about {@code id}: only that 0 is never sent. */
    public static DropReason checkWithoutState(long id) {
        return id == 0 ? WrapDrops.REPLAY_ZERO_ID : null;
    }

    /** Checks and, if accepted, records {@code (id, time)}. Returns null when accepted. */
    public DropReason accept(long id, long time, long nowNanos) {
        DropReason refused = check(id, time, nowNanos);
        if (refused != null) {
            return refused;
        }
        if (!started || time > sequenceTime) {
            started = true;
            sequenceTime = time;
            Arrays.fill(received, false);
            highest = id;
        } else if (id > highest) {
            long advance = id - highest;
            if (advance >= size) {
                Arrays.fill(received, false);
            } else {
                for (long j = highest + 1; j < id; j++) {
                    received[slot(j)] = false;
                }
            }
            highest = id;
        }
        received[slot(id)] = true;
        receivedAt[slot(id)] = nowNanos;
        return null;
    }

    private int slot(long id) {
        return (int) (id % size);
    }
}
