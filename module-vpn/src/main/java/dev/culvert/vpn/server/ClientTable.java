package dev.culvert.vpn.server;

import dev.culvert.core.worker.ControlExecutor;
import dev.culvert.core.worker.Worker;
import dev.culvert.vpn.session.VpnSession;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import dev.culvert.spi.transport.Transport;

import dev.culvert.core.worker.FlowOwners;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The server's clients, found three ways: by index (the peer-id of P_DATA_V2 packets and the
 * routing table's peer handle), by transport endpoint (listener and peer handle, for control
 * packets and P_DATA_V1), and by common name on the control plane. Index lookups take no lock and
 * allocate nothing; at most {@code capacity} clients exist at once ({@code max-clients}).
 */
final class ClientTable implements FlowOwners {
    private final AtomicReferenceArray<ServerClient> byIndex;
    private final ConcurrentHashMap<Long, ServerClient> byEndpoint = new ConcurrentHashMap<>();
    private final ArrayDeque<Integer> freeIndexes = new ArrayDeque<>();

    ClientTable(int capacity) {
        if (capacity < 1 || capacity > 1 << 24) {
            throw new IllegalArgumentException("max-clients " + capacity);
        }
        byIndex = new AtomicReferenceArray<>(capacity);
        for (int i = 0; i < capacity; i++) {
            freeIndexes.add(i);
        }
    }

    static long endpoint(int listener, int handle) {
        return (long) listener << 32 | (handle & 0xFFFF_FFFFL);
    }

    /** Takes a free index for a new client and registers it under its endpoint; null when full. */
    synchronized ServerClient admit(ClientFactory factory) {
        Integer index = freeIndexes.poll();
        if (index == null) {
            return null;
        }
        ServerClient client = factory.create(index);
        byIndex.set(index, client);
        byEndpoint.put(client.endpoint(), client);
        return client;
    }

    /** Makes a client unreachable by endpoint: its address's next packet goes through pre-authentication. */
    void forgetEndpoint(ServerClient client) {
        byEndpoint.remove(client.endpoint(), client);
    }

    /**
     * Forgets a removed client's endpoint here and, on {@code owner} (its worker, or null), in the
     * transport, unless a newer session (the one that replaced it) holds that endpoint by now.
     */
    void forget(ServerClient client, Worker owner) {
        if (owner == null || !owner.isRunning()) {
            forgetEndpoint(client);
            return;
        }
        owner.post(() -> {
            forgetEndpoint(client);
            Transport t = owner.transportOrNull(client.listener);
            if (t != null && byEndpoint(client.listener, client.handle) == null) {
                t.forget(client.handle);
            }
        });
    }

    /**
     * After {@code graceMs} (packets still in flight may need its keys and index), wipes a removed
     * client's keys and frees its index, on its strand.
     */
    void retireLater(ServerClient client, ControlExecutor control, long graceMs) {
        control.schedule("retire " + client.describe(), () -> client.strand.enqueue(() -> {
            VpnSession s = client.session;
            if (s != null) {
                s.dispose();
            }
            release(client);
        }), graceMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends {@code message} on the control channel of each of {@code peers}, on its strand.
     *
     * @param workerOf each peer's owner worker, or null
     * @return opens once each notice has been handed to its transport by its worker
     */
    static CountDownLatch tellEach(List<ServerClient> peers, String message, Function<ServerClient, Worker> workerOf) {
        CountDownLatch sent = new CountDownLatch(peers.size());
        for (ServerClient client : peers) {
            client.strand.enqueue(() -> {
                try {
                    VpnSession s = client.session;
                    if (s != null) {
                        s.tellPeer(message, System.nanoTime());
                    }
                } finally {
                    // Posted after the notice's own send, so it runs once the worker has sent it.
                    Worker w = workerOf.apply(client);
                    if (w != null && w.isRunning()) {
                        w.post(sent::countDown);
                    } else {
                        sent.countDown();
                    }
                }
            });
        }
        return sent;
    }

    /**
     * Moves a client to another endpoint of its listener (it floated); false, leaving it where it
     * was, if another client is found there.
     */
    synchronized boolean move(ServerClient client, int handle) {
        if (byEndpoint.putIfAbsent(endpoint(client.listener, handle), client) != null) {
            return false;
        }
        byEndpoint.remove(client.endpoint(), client);
        client.handle = handle;
        return true;
    }

    /** Frees the client's index for a new client. */
    synchronized void release(ServerClient client) {
        forgetEndpoint(client);
        if (byIndex.compareAndSet(client.index, client, null)) {
            freeIndexes.add(client.index);
        }
    }

    ServerClient byIndex(int index) {
        return index >= 0 && index < byIndex.length() ? byIndex.get(index) : null;
    }

    ServerClient byEndpoint(int listener, int handle) {
        return byEndpoint.get(endpoint(listener, handle));
    }

    /** Every client, for the control plane (status, shutdown); allocates. */
    List<ServerClient> all() {
        List<ServerClient> out = new ArrayList<>();
        for (int i = 0; i < byIndex.length(); i++) {
            ServerClient c = byIndex.get(i);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    int capacity() {
        return byIndex.length();
    }

    /** Packets for a client are sealed and sent by its owner worker; an unknown flow stays where it is. */
    @Override
    public int ownerOf(long flow) {
        ServerClient client = flow >= 0 && flow < byIndex.length() ? byIndex.get((int) flow) : null;
        return client == null ? -1 : client.owner;
    }

    @FunctionalInterface
    interface ClientFactory {
        ServerClient create(int index);
    }
}
