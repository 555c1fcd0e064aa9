package dev.culvert.core.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What passed through one node: packets and bytes in, packets out per port, drops per reason.
 * Updated by every runner that executes the node, read by anyone (status, metrics) at any time.
 * Increments allocate nothing once a reason has been seen.
 */
public final class NodeCounters {
    private final String node;
    private final String[] ports;
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder[] out;
    private final LongAdder delivered = new LongAdder();
    private final AtomicLong failures = new AtomicLong();
    private final ConcurrentHashMap<DropReason, LongAdder> drops = new ConcurrentHashMap<>();

    NodeCounters(String node, String[] ports) {
        this.node = node;
        this.ports = ports;
        this.out = new LongAdder[ports.length];
        for (int i = 0; i < ports.length; i++) {
            out[i] = new LongAdder();
        }
    }

    void countIn(int packets, long bytes) {
        packetsIn.add(packets);
        bytesIn.add(bytes);
    }

    void countOut(int port) {
        out[port].increment();
    }

    void countDelivered() {
        delivered.increment();
    }

    void uncountDelivered() {
        delivered.decrement();
    }

    /** Counts one throw out of the node; returns the count so far, so the caller logs the first. */
    long countFailure() {
        return failures.incrementAndGet();
    }

    void countDrop(DropReason reason) {
        LongAdder adder = drops.get(reason);
        if (adder == null) {
            adder = drops.computeIfAbsent(reason, r -> new LongAdder());
        }
        adder.increment();
    }

    public String node() {
        return node;
    }

    public long packetsIn() {
        return packetsIn.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long packetsOut(String port) {
        for (int i = 0; i < ports.length; i++) {
            if (ports[i].equals(port)) {
                return out[i].sum();
            }
        }
        throw new IllegalArgumentException("node " + node + " has no port " + port);
    }

    public long packetsOut() {
        long total = 0;
        for (LongAdder adder : out) {
            total += adder.sum();
        }
        return total;
    }

    /** Packets a sink took over (wrote to a link, queued, or kept for the control path). */
    public long delivered() {
        return delivered.sum();
    }

    /** How many times the node threw out of {@link Node#process}. */
    public long failures() {
        return failures.get();
    }

    public long drops(DropReason reason) {
        LongAdder adder = drops.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    public long dropsTotal() {
        long total = 0;
        for (LongAdder adder : drops.values()) {
            total += adder.sum();
        }
        return total;
    }

    /** Nothing counted yet: no packet in, none dropped, never thrown; a summary may leave the node out. */
    public boolean idle() {
        return packetsIn() == 0 && dropsTotal() == 0 && failures() == 0;
    }

    /** Drops by reason name, in name order. */
    public Map<String, Long> dropsByReason() {
        Map<String, Long> result = new LinkedHashMap<>();
        drops.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.name().compareTo(b.name())))
                .forEach(e -> result.put(e.getKey().name(), e.getValue().sum()));
        return result;
    }

    /**
     * One line for a status display: {@code name in=… bytes=… out=… (delivered=… for a sink)
     * dropped=… {reason=n …}}, and {@code threw=n} once the node has thrown.
     */
    public String describe() {
        StringBuilder line = new StringBuilder();
        line.append(node).append(" in=").append(packetsIn()).append(" bytes=").append(bytesIn())
                .append(ports.length == 0 ? " delivered=" + delivered() : " out=" + packetsOut())
                .append(" dropped=").append(dropsTotal());
        if (failures() > 0) {
            line.append(" threw=").append(failures());
        }
        Map<String, Long> byReason = dropsByReason();
        if (!byReason.isEmpty()) {
            line.append(' ').append(byReason);
        }
        return line.toString();
    }
}
