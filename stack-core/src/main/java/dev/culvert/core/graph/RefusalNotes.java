package dev.culvert.core.graph;

import dev.culvert.core.packet.RemoteAddress;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One log line per source and class of refused packet per interval, as OpenVPN 2.6 logs
 * "TLS Error: tls-crypt unwrapping failed from [AF_INET]10.0.0.2:41234" for a stranger: the first
 * refusal of a (source address and port, reason) pair is written at once; the same pair's next
 * refusals within the interval are only counted, and the first one after it is written with how
 * many were held back ("and 57 more like it in the last 60 s").
 *
 * <p>Memory is bounded: a fixed table of {@code capacity} pairs, probed a few slots deep. A pair
 * whose interval has passed makes room for a new one; when a flood from many sources finds no
 * room, its refusals are only counted, and one line per interval says how many went unwritten
 * and from how many new pairs. Nothing is allocated per refusal except for a line written.
 *
 * <p>Not thread-safe: one per worker (its {@link GraphRunner}), so the data plane takes no lock. A
 * UDP source hashes to one worker's socket, so a source meets one table.
 */
public final class RefusalNotes {
    /** 2.6 has no such limit; a minute keeps a stranger's retries (every 2 s) to one line. */
    public static final long DEFAULT_INTERVAL_NANOS = 60_000_000_000L;
    public static final int DEFAULT_CAPACITY = 256;
    private static final int PROBES = 8;

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Consumer<String> log;
    private final long[] high;
    private final long[] low;
    private final int[] port;
    private final DropReason[] reason;
    private final long[] since;
    private final long[] held;
    private final int mask;
    private long overflowSince;
    private long overflowHeld;
    private boolean overflowing;

    /** {@code capacity} is rounded up to a power of two. */
    public RefusalNotes(int capacity, long intervalNanos, LongSupplier clock, Consumer<String> log) {
        int size = capacity <= PROBES ? PROBES : Integer.highestOneBit(capacity - 1) << 1;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.log = log;
        this.high = new long[size];
        this.low = new long[size];
        this.port = new int[size];
        this.reason = new DropReason[size];
        this.since = new long[size];
        this.held = new long[size];
        this.mask = size - 1;
    }

    /** Notes that a packet from {@code from} was refused for {@code why}; writes a line when one is due. */
    public void refused(DropReason why, RemoteAddress from) {
        String explanation = why.refusal();
        if (explanation == null || !from.isSet()) {
            return;
        }
        long now = clock.getAsLong();
        int home = slot(from, why);
        int free = -1;
        for (int i = 0; i < PROBES; i++) {
            int s = (home + i) & mask;
            if (reason[s] == why && high[s] == from.high() && low[s] == from.low() && port[s] == from.port()) {
                if (now - since[s] < intervalNanos) {
                    held[s]++;
                    return;
                }
                write(explanation, from, held[s]);
                since[s] = now;
                held[s] = 0;
                return;
            }
            if (free < 0 && (reason[s] == null || now - since[s] >= intervalNanos)) {
                free = s;
            }
        }
        if (free < 0) {
            overflow(now);
            return;
        }
        if (reason[free] != null && held[free] > 0) {
            log.accept(describe(reason[free], high[free], low[free], port[free], held[free]));
        }
        reason[free] = why;
        high[free] = from.high();
        low[free] = from.low();
        port[free] = from.port();
        since[free] = now;
        held[free] = 0;
        write(explanation, from, 0);
    }

    private void overflow(long now) {
        if (!overflowing || now - overflowSince >= intervalNanos) {
            if (overflowing && overflowHeld > 0) {
                log.accept("refused " + overflowHeld + " more packets from sources beyond the " + (mask + 1)
                        + " this log follows one by one, in the last " + seconds() + " s (culvert:status counts them by reason)");
            } else {
                log.accept("refusing packets from more sources than the " + (mask + 1)
                        + " this log follows one by one; the rest are counted, and summed here once a minute");
            }
            overflowing = true;
            overflowSince = now;
            overflowHeld = 0;
            return;
        }
        overflowHeld++;
    }

    private void write(String explanation, RemoteAddress from, long heldBefore) {
        StringBuilder line = new StringBuilder("refused a packet from ").append(source(from.high(), from.low(), from.port()))
                .append(": ").append(explanation);
        if (heldBefore > 0) {
            line.append(" (and ").append(heldBefore).append(" more like it in the last ").append(seconds()).append(" s)");
        }
        log.accept(line.toString());
    }

    private String describe(DropReason why, long h, long l, int p, long count) {
        return "refused " + count + " more packets from " + source(h, l, p) + ": "
                + why.refusal() + " (in the last " + seconds() + " s)";
    }

    private long seconds() {
        return intervalNanos / 1_000_000_000L;
    }

    /**
     * 2.6's way of naming a peer: {@code [AF_INET]10.0.0.2:41234}, or {@code [AF_INET6]2001:db8:0:0:0:0:0:2:41234}.
     * An IPv4 client that reached a dual-stack socket (its address IPv4-mapped) is named as IPv4.
     */
    static String source(long h, long l, int p) {
        if (h == 0 && (l >>> 32) == 0xFFFFL) {
            int a = (int) l;
            return "[AF_INET]" + (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF) + ":" + p;
        }
        StringBuilder out = new StringBuilder("[AF_INET6]");
        for (int g = 0; g < 8; g++) {
            long word = g < 4 ? h : l;
            int shift = 48 - 16 * (g % 4);
            out.append(Integer.toHexString((int) ((word >>> shift) & 0xFFFF))).append(g < 7 ? ":" : "");
        }
        return out.append(':').append(p).toString();
    }

    private int slot(RemoteAddress from, DropReason why) {
        long h = from.high() * 0x9E3779B97F4A7C15L ^ from.low() * 0xC2B2AE3D27D4EB4FL ^ from.port() * 0x165667B19E3779F9L
                ^ System.identityHashCode(why);
        return (int) (h ^ (h >>> 29)) & mask;
    }
}
