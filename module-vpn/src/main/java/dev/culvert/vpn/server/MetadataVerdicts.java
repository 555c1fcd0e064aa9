package dev.culvert.vpn.server;

import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.hook.ScriptTlsCryptV2Verify;
import dev.culvert.vpn.session.DropCounts;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code tls-crypt-v2-verify}'s verdicts on newcomers, asked before any client is made for them.
 * 2.6 runs the script when it unwraps the key of the packet that makes the session, and drops the
 * packet on a refusal; Culvert asks at the same packet (the one that passed the gate: a UDP
 * cookie's proof or a hard reset) but makes the client only once the script said yes, so a
 * refused or unanswered newcomer leaves nothing. What waits meanwhile is bounded: at most
 * {@link #AT_ONCE} verdicts, each holding one packet of at most a control packet's size, and one
 * per (address, client session); a newcomer beyond that, or a retransmission of a packet already
 * asked about, is dropped with a counted reason and comes again as clients retransmit. Each
 * verdict ends with the script's time limit.
 */
final class MetadataVerdicts {
    /** The script refused the client's metadata (or could not run, or ran out of time). */
    static final DropReason REFUSED = DropReason.of("vpn.server.tls-crypt-v2-verify-refused");
    /** {@link #AT_ONCE} verdicts were pending already. */
    static final DropReason BUSY = DropReason.of("vpn.server.tls-crypt-v2-verify-busy");
    /** The same newcomer's packet is being asked about already (a retransmission). */
    static final DropReason PENDING = DropReason.of("vpn.server.tls-crypt-v2-verify-pending");
    /** The key's metadata could not be read again after the gate had read the key (not expected). */
    static final DropReason NO_METADATA = DropReason.of("vpn.server.tls-crypt-v2-verify-no-metadata");
    /** Verdicts pending at once; the scripts themselves run {@code Scripts.AT_ONCE} at a time. */
    static final int AT_ONCE = 32;

    private static final System.Logger LOG = System.getLogger(MetadataVerdicts.class.getName());

    private record Newcomer(InetSocketAddress source, long clientSessionId) {
    }

    private final ScriptTlsCryptV2Verify script;
    private final Set<Newcomer> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final DropCounts refused = new DropCounts();

    MetadataVerdicts(ScriptTlsCryptV2Verify script) {
        this.script = script;
    }

    /**
     * Asks about the newcomer at {@code source} with {@code clientSessionId} whose key carried
     * {@code metadata}; {@code admit} runs once the script said yes (on the thread that saw the
     * script end: it must only post work). Returns null when asked, else why not (for the caller
     * to count on the packet it drops).
     */
    DropReason ask(InetSocketAddress source, long clientSessionId, byte[] metadata, Runnable admit) {
        Newcomer who = new Newcomer(source, clientSessionId);
        if (!pending.add(who)) {
            return PENDING;
        }
        if (waiting.incrementAndGet() > AT_ONCE) {
            waiting.decrementAndGet();
            pending.remove(who);
            return BUSY;
        }
        script.verify(metadata).whenComplete((why, failure) -> {
            pending.remove(who);
            waiting.decrementAndGet();
            if (why == null && failure == null) {
                accepted.increment();
                admit.run();
            } else {
                refused.count(REFUSED);
                LOG.log(System.Logger.Level.WARNING, "TLS Error: tls-crypt-v2 client key of " + RealAddress.format(source)
                        + " refused: " + (failure != null ? failure.toString() : why));
            }
        });
        return null;
    }

    /** Verdicts not in yet. */
    int pending() {
        return waiting.get();
    }

    long accepted() {
        return accepted.sum();
    }

    long refused() {
        return refused.get(REFUSED);
    }

    /** For status: "tls-crypt-v2-verify: accepted 3, refused 1, pending 0". */
    String counters() {
        return "tls-crypt-v2-verify: accepted " + accepted() + ", refused " + refused() + ", pending " + pending();
    }
}
