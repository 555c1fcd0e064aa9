package dev.culvert.vpn.metrics;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one scrape reads from a node, as plain numbers, so that the exposition
 * ({@link MetricsCollector}) is tested without a node and the node's side
 * ({@link MetricsTarget}) without Prometheus.
 *
 * @param sessionsConnected  clients with keys, counted in {@code status}
 * @param sessionsConnecting clients admitted and still in their first handshake
 * @param maxClients         {@code max-clients}
 * @param workers            data-plane workers
 * @param handshakesOk       first key negotiations that ended in a connected client, since start
 * @param handshakesFailed   those that did not, by reason (a fixed set of the target's)
 * @param nodes              every worker's graph nodes
 * @param pools              every worker's packet pool
 * @param scheduling         every worker's scheduling class and its moves
 * @param clients            the connected clients, in the client table's order
 */
public record Sample(long sessionsConnected, long sessionsConnecting, int maxClients, int workers, long handshakesOk,
                     Map<String, Long> handshakesFailed, List<Node> nodes, List<Pool> pools, List<Scheduling> scheduling,
                     List<Client> clients) {
    public Sample {
        handshakesFailed = Map.copyOf(handshakesFailed);
        nodes = List.copyOf(nodes);
        pools = List.copyOf(pools);
        scheduling = List.copyOf(scheduling);
        clients = List.copyOf(clients);
    }

    /** One graph node on one worker: packets and bytes in, and drops by reason (the kernel's reason names). */
    public record Node(int worker, String node, long packets, long bytes, Map<String, Long> drops) {
        public Node {
            Objects.requireNonNull(node, "node");
            drops = Map.copyOf(drops);
        }
    }

    /**
     * One worker's packet pool.
     *
     * @param capacity    buffers the pool may hold
     * @param free        buffers in the pool now
     * @param inUse       buffers taken and not returned
     * @param exhaustions times a worker asked and the pool was empty
     * @param bufferBytes one buffer's size
     */
    public record Pool(int worker, int capacity, int free, long inUse, long exhaustions, int bufferBytes) {
    }

    /**
     * One worker's scheduling class: whether it runs in the realtime class now, which it holds
     * while light ({@code culvert-worker-scheduling}), and how often it moved.
     *
     * @param realtime  in the realtime class now
     * @param refusals  times the kernel refused it the realtime class (it then runs in the normal class)
     * @param demotions times it left the realtime class for being busy
     * @param returns   times it went back after a busy spell
     */
    public record Scheduling(int worker, boolean realtime, long refusals, long demotions, long returns) {
    }

    /**
     * One connected client's tunnel traffic (opened and sealed data packets).
     *
     * @param commonName its certificate's common name, as the client sent it (not yet bounded or sanitized)
     */
    public record Client(String commonName, long receivedBytes, long sentBytes, long receivedPackets, long sentPackets) {
        public Client {
            Objects.requireNonNull(commonName, "commonName");
        }
    }
}
