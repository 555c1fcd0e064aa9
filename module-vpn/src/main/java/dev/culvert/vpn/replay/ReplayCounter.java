package dev.culvert.vpn.replay;

/**
 * The send side of the long-form packet-id (tls-auth, tls-crypt): id from 1, +1 on every transmission (a
 * retransmitted control packet gets a new one), and a time fixed when the context was made.
 */
public final class ReplayCounter {
    private static final long MAX_ID = 0xFFFF_FFFFL;

    private final long time;
    private long lastId;

    /** @param epochSeconds the sender's wall clock (unix seconds, uint32) when this context started */
    public ReplayCounter(long epochSeconds) {
        if ((epochSeconds & ~MAX_ID) != 0) {
            throw new IllegalArgumentException("replay time is an unsigned 32-bit number: " + epochSeconds);
        }
        this.time = epochSeconds;
    }

    /** The next id to send. */
    public long next() {
        if (lastId == MAX_ID) {
            // 2.6 would only wrap with a later time; four billion control packets in one TLS session is
            // a bug, not traffic.
            throw new IllegalStateException("replay packet-id exhausted");
        }
        return ++lastId;
    }

    /** Makes {@link #next} return ids above {@code id} from now on (ids already past it stay). */
    public void skipThrough(long id) {
        if ((id & ~MAX_ID) != 0) {
            throw new IllegalArgumentException("replay id is an unsigned 32-bit number: " + id);
        }
        lastId = Math.max(lastId, id);
    }

    public long time() {
        return time;
    }
}
