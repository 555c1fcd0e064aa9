package dev.culvert.vpn.control;

import dev.culvert.vpn.wire.Opcode;

/**
 * The receive half of the reliability layer for one key state: messages are buffered by id and
 * handed on strictly in order. An id at or beyond {@code next expected + window} is refused and not
 * ACKed (2.6 {@code reliable_wont_break_sequentiality}); one already delivered or buffered is
 * refused but must be ACKed again, since the sender evidently missed the ACK.
 */
public final class ReliableReceive {
    /** 2.6's TLS_RELIABLE_N_REC_BUFFERS. */
    public static final int DEFAULT_WINDOW = 12;

    /** What became of an offered message. */
    public enum Verdict {
        /** Buffered for in-order delivery; ACK it. */
        ACCEPTED,
        /** Seen before; ACK it, do not deliver it again. */
        DUPLICATE,
        /** Too far ahead; drop it without an ACK. */
        OUT_OF_WINDOW;

        public boolean mustAck() {
            return this != OUT_OF_WINDOW;
        }
    }

    private final long[] ids;
    private final Opcode[] opcodes;
    private final byte[][] payloads;
    private long nextExpected;

    public ReliableReceive() {
        this(DEFAULT_WINDOW);
    }

    public ReliableReceive(int window) {
        if (window < 1 || window > 64) {
            throw new IllegalArgumentException("receive window " + window);
        }
        ids = new long[window];
        opcodes = new Opcode[window];
        payloads = new byte[window][];
    }

    /** Offers message {@code id} (uint32); keeps {@code payload} (not copied) if accepted. */
    public Verdict offer(long id, Opcode opcode, byte[] payload) {
        if (id < nextExpected) {
            return Verdict.DUPLICATE;
        }
        if (id - nextExpected >= ids.length) {
            return Verdict.OUT_OF_WINDOW;
        }
        int slot = (int) (id % ids.length);
        if (payloads[slot] != null) {
            return Verdict.DUPLICATE;
        }
        ids[slot] = id;
        opcodes[slot] = opcode;
        payloads[slot] = payload;
        return Verdict.ACCEPTED;
    }

    /** Whether the next message in order has arrived. */
    public boolean hasNext() {
        return payloads[slot(nextExpected)] != null;
    }

    /** Opcode of the next in-order message; only when {@link #hasNext()}. */
    public Opcode peekOpcode() {
        return opcodes[slot(nextExpected)];
    }

    /** Payload of the next in-order message, without taking it; only when {@link #hasNext()}. */
    public byte[] peekPayload() {
        return payloads[slot(nextExpected)];
    }

    /** Takes the next in-order message and returns its payload, or null if it has not arrived. */
    public byte[] take() {
        int slot = slot(nextExpected);
        byte[] p = payloads[slot];
        if (p != null) {
            payloads[slot] = null;
            opcodes[slot] = null;
            nextExpected++;
        }
        return p;
    }

    /**
     * Expects message {@code id} next instead of 0, as if those below had been delivered elsewhere
     * (the hard reset a server answered before this session existed).
     *
     * @throws IllegalStateException once a message was offered
     */
    public void startAt(long id) {
        for (byte[] p : payloads) {
            if (p != null) {
                throw new IllegalStateException("the next expected id can only be moved on before anything arrived");
            }
        }
        if (nextExpected != 0 || (id & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalStateException("the next expected id can only be moved on before anything arrived");
        }
        nextExpected = id;
    }

    public long nextExpected() {
        return nextExpected;
    }

    private int slot(long id) {
        return (int) (id % ids.length);
    }
}
