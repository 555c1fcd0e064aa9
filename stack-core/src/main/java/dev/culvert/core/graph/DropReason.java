package dev.culvert.core.graph;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why a packet was dropped. Reasons are interned by name, so nodes hold them in constants and the
 * data path compares references; counters key on them. Names are dotted, starting with the layer
 * that decided ({@code ipv4.bad-checksum}, {@code compress.truncated}), and say what an operator
 * would look for.
 */
public final class DropReason {
    private static final ConcurrentHashMap<String, DropReason> REASONS = new ConcurrentHashMap<>();

    /** A node returned without forwarding or dropping a packet it was given: a bug, counted. */
    public static final DropReason UNHANDLED = of("graph.unhandled");
    /** A node threw while it held the packet; the exception is counted and logged once per node. */
    public static final DropReason NODE_FAILED = of("graph.node-failed");
    /** A packet was forwarded to a port that is not wired. */
    public static final DropReason UNWIRED_PORT = of("graph.unwired-port");
    /** No packet buffer was free. */
    public static final DropReason POOL_EXHAUSTED = of("pool.exhausted");
    /** A slot had no implementation bound when a packet needed it. */
    public static final DropReason SLOT_EMPTY = of("slot.empty");

    private final String name;
    /** Set for a reason that refuses a sender: the words its log line uses ({@link RefusalNotes}). */
    private volatile String refusal;

    private DropReason(String name) {
        this.name = name;
    }

    /** The reason with this name, created on first use. */
    public static DropReason of(String name) {
        if (name == null || name.isBlank() || name.length() > 80) {
            throw new IllegalArgumentException("drop reason name: " + name);
        }
        return REASONS.computeIfAbsent(name, DropReason::new);
    }

    /**
     * A reason that refuses a packet from a sender not (or not yet) authenticated: a stranger's
     * wrapping that did not verify, a forged cookie, a replay. Besides being counted, it is logged
     * once per source and interval ({@link RefusalNotes}) as 2.6 logs its TLS errors, in the words
     * of {@code explanation} ("its tls-crypt wrapping did not verify"). The explanation names a
     * class of packet, never the packet's bytes.
     */
    public static DropReason refusal(String name, String explanation) {
        DropReason reason = of(name);
        reason.refusal = explanation;
        return reason;
    }

    /** What the log says about a packet refused for this reason, or null if it is only counted. */
    public String refusal() {
        return refusal;
    }

    /** Every reason created so far in this JVM. */
    public static Collection<DropReason> known() {
        return List.copyOf(REASONS.values());
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
