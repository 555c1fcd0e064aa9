package dev.culvert.vpn.control;

/**
 * The ACKs one key state owes its peer (reliable.c {@code reliable_ack_*}): ids waiting for their
 * first ACK (at most 8; beyond that an id goes unACKed and the peer retransmits), and a most recently
 * used list of up to 8 ids ACKed before, which 2.6 repeats in later ACK arrays so that one lost ACK
 * packet costs no retransmission.
 */
public final class AckQueue {
    /** 2.6's RELIABLE_ACK_SIZE. */
    public static final int CAPACITY = 8;

    private final long[] pending = new long[CAPACITY];
    private int pendingCount;
    private final long[] recent = new long[CAPACITY];
    private int recentCount;

    /** Owes an ACK for {@code id}, unless it is already owed or the queue is full. */
    public void acknowledge(long id) {
        for (int i = 0; i < pendingCount; i++) {
            if (pending[i] == id) {
                return;
            }
        }
        if (pendingCount < CAPACITY) {
            pending[pendingCount++] = id;
        }
    }

    /** Whether an ACK is owed that has not been sent even once. */
    public boolean hasPending() {
        return pendingCount > 0;
    }

    public int pendingCount() {
        return pendingCount;
    }

    /**
     * Fills {@code out} with the ACK array of the next packet: the oldest {@code max} owed ids move to
     * the front of the recent list, and the array is the first {@code max} ids of that list.
     *
     * @return how many ids were written
     */
    public int take(long[] out, int max) {
        int n = Math.min(Math.min(pendingCount, max), CAPACITY);
        for (int i = 0; i < n; i++) {
            moveToFront(pending[i]);
        }
        System.arraycopy(pending, n, pending, 0, pendingCount - n);
        pendingCount -= n;
        int total = Math.min(Math.min(max, recentCount), out.length);
        System.arraycopy(recent, 0, out, 0, total);
        return total;
    }

    private void moveToFront(long id) {
        long carry = id;
        for (int j = 0; j < recentCount; j++) {
            long here = recent[j];
            recent[j] = carry;
            carry = here;
            if (carry == id) {
                return;
            }
        }
        if (recentCount < CAPACITY) {
            recent[recentCount++] = carry;
        }
    }
}
