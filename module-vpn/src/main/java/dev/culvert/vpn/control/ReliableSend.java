package dev.culvert.vpn.control;

import dev.culvert.vpn.wire.Opcode;

/**
 * The send half of the reliability layer for one key state (reliable.c): message ids from 0, at most
 * {@code window} unacknowledged messages (and a new id only while {@code next - oldest unacked <
 * window}), each retransmitted after a timeout that starts at {@code --tls-timeout} and doubles with
 * every retransmission, or early once 3 ACKs for higher ids arrived. ACKs for ids it does not hold
 * (long gone, or never sent) are ignored.
 */
public final class ReliableSend {
    /** 2.6's TLS_RELIABLE_N_SEND_BUFFERS. */
    public static final int DEFAULT_WINDOW = 6;
    /** 2.6's N_ACK_RETRANSMIT. */
    public static final int FAST_RETRANSMIT_ACKS = 3;
    /** 2.6's default --tls-timeout. */
    public static final long DEFAULT_TIMEOUT_NANOS = 2_000_000_000L;
    private static final long MAX_TIMEOUT_NANOS = 1L << 50;

    /** One message in flight. */
    public static final class Entry {
        private long id;
        private Opcode opcode;
        private byte[] payload;
        private boolean active;
        private boolean sent;
        private long nextTry;
        private long timeout;
        private int higherAcks;
        private int transmissions;

        public long id() {
            return id;
        }

        public Opcode opcode() {
            return opcode;
        }

        public byte[] payload() {
            return payload;
        }

        /** How often it went on the wire so far. */
        public int transmissions() {
            return transmissions;
        }
    }

    private final Entry[] entries;
    private final long initialTimeoutNanos;
    private long nextId;

    public ReliableSend() {
        this(DEFAULT_WINDOW, DEFAULT_TIMEOUT_NANOS);
    }

    public ReliableSend(int window, long initialTimeoutNanos) {
        if (window < 1 || window > 64 || initialTimeoutNanos <= 0) {
            throw new IllegalArgumentException("send window " + window + ", timeout " + initialTimeoutNanos);
        }
        this.entries = new Entry[window];
        for (int i = 0; i < window; i++) {
            entries[i] = new Entry();
        }
        this.initialTimeoutNanos = initialTimeoutNanos;
    }

    /** Whether a new message may be given an id now. */
    public boolean canEnqueue() {
        long oldest = oldestActiveId();
        return oldest < 0 || nextId - oldest < entries.length;
    }

    /**
     * Gives {@code payload} (kept, not copied) the next message id and queues it for its first send.
     *
     * @throws IllegalStateException if the window is full; check {@link #canEnqueue()} first
     */
    public long enqueue(Opcode opcode, byte[] payload) {
        if (!canEnqueue() || nextId > 0xFFFF_FFFFL) {
            throw new IllegalStateException("send window full");
        }
        Entry e = free();
        e.id = nextId++;
        e.opcode = opcode;
        e.payload = payload;
        e.active = true;
        e.sent = false;
        e.timeout = initialTimeoutNanos;
        e.higherAcks = 0;
        e.transmissions = 0;
        return e.id;
    }

    /** The peer acknowledged {@code id}: forget it, and count a higher ACK for every older message. */
    public void acknowledge(long id) {
        for (Entry e : entries) {
            if (!e.active) {
                continue;
            }
            if (e.id == id) {
                e.active = false;
                e.payload = null;
            } else if (e.id < id) {
                e.higherAcks++;
            }
        }
    }

    /** The lowest-id message that should go on the wire now, or null. Call {@link #sent} after sending it. */
    public Entry due(long nowNanos) {
        Entry best = null;
        for (Entry e : entries) {
            if (e.active && (!e.sent || nowNanos - e.nextTry >= 0 || e.higherAcks >= FAST_RETRANSMIT_ACKS)
                    && (best == null || e.id < best.id)) {
                best = e;
            }
        }
        return best;
    }

    /** Records that {@code e} went on the wire at {@code nowNanos}: next try after the timeout, which doubles. */
    public void sent(Entry e, long nowNanos) {
        e.sent = true;
        e.transmissions++;
        e.higherAcks = 0;
        e.nextTry = nowNanos + e.timeout;
        e.timeout = Math.min(e.timeout * 2, MAX_TIMEOUT_NANOS);
    }

    /** When {@link #due} next has something without new ACKs: a time, or Long.MAX_VALUE if nothing is in flight. */
    public long nextDeadline(long nowNanos) {
        long deadline = Long.MAX_VALUE;
        for (Entry e : entries) {
            if (e.active) {
                long at = !e.sent || e.higherAcks >= FAST_RETRANSMIT_ACKS ? nowNanos : e.nextTry;
                if (deadline == Long.MAX_VALUE || at - deadline < 0) {
                    deadline = at;
                }
            }
        }
        return deadline;
    }

    /** Messages sent or queued and not yet acknowledged. */
    public int inFlight() {
        int n = 0;
        for (Entry e : entries) {
            if (e.active) {
                n++;
            }
        }
        return n;
    }

    /**
     * Numbers messages from {@code id} instead of 0, as if those below had been sent and
     * acknowledged elsewhere (a server's stateless answer to a hard reset was message 0).
     *
     * @throws IllegalStateException once a message was queued
     */
    public void startAt(long id) {
        if (nextId != 0 || inFlight() != 0 || (id & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalStateException("message ids can only be moved on before the first is queued");
        }
        nextId = id;
    }

    public long nextId() {
        return nextId;
    }

    private long oldestActiveId() {
        long oldest = -1;
        for (Entry e : entries) {
            if (e.active && (oldest < 0 || e.id < oldest)) {
                oldest = e.id;
            }
        }
        return oldest;
    }

    private Entry free() {
        for (Entry e : entries) {
            if (!e.active) {
                return e;
            }
        }
        throw new IllegalStateException("no free send slot");
    }
}
