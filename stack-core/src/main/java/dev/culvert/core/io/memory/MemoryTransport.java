package dev.culvert.core.io.memory;

import dev.culvert.core.io.transport.TransportDrops;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.core.packet.RemoteAddress;
import dev.culvert.core.worker.Signalled;
import dev.culvert.spi.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * One endpoint of a {@link MemoryNetwork}, driven by one worker as a UDP socket is. What
 * {@link #send} queues leaves at {@link #flush()}, in order, into the receiving endpoint's
 * bounded queue; a full queue drops the datagram, counted by the receiver as
 * {@link TransportDrops#RECEIVE_QUEUE_FULL}, and a datagram to an address nobody binds is counted by the sender
 * as {@link TransportDrops#SEND_FAILED}. A received datagram is copied into a buffer of the
 * reader's pool, so each side only ever holds buffers of its own pool, as with a real socket.
 *
 * <p>As the UDP transport, it reports a datagram's sender by handle only once the endpoint's
 * group learned it ({@link #handleOf}); any other sender arrives as {@link Transport#UNKNOWN_PEER},
 * and every datagram carries its sender's address ({@link Packet#remoteAddress()}).
 */
public final class MemoryTransport implements Transport, Signalled {
    private final MemoryNetwork network;
    /** Where it is bound; moves only when the network rebinds it (a NAT giving it a new mapping). */
    private volatile InetSocketAddress local;
    private volatile int number;
    private final ArrayBlockingQueue<Packet> inbound;
    private final MemoryPeers peers;
    private final Packet[] pending = new Packet[PacketBatch.DEFAULT_CAPACITY];
    private int pendingCount;
    private final TransportDrops drops = new TransportDrops();
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private volatile Runnable readable = () -> { };
    private volatile boolean open = true;

    MemoryTransport(MemoryNetwork network, InetSocketAddress local, int number, int queueCapacity, MemoryPeers peers) {
        this.network = network;
        this.peers = peers;
        this.local = local;
        this.number = number;
        this.inbound = new ArrayBlockingQueue<>(queueCapacity);
    }

    /** The address this endpoint is bound to. */
    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    int number() {
        return number;
    }

    /** Binds this endpoint to another address of the network; called by {@link MemoryNetwork#rebind}. */
    void moveTo(InetSocketAddress address, int newNumber) {
        this.local = address;
        this.number = newNumber;
    }

    boolean isOpen() {
        return open;
    }

    /** Drops counted by this endpoint, on its sending and its receiving side. */
    public TransportDrops drops() {
        return drops;
    }

    /** Datagrams waiting to be read. */
    public int pending() {
        return inbound.size();
    }

    @Override
    public void onReadable(Runnable listener) {
        this.readable = listener;
    }

    @Override
    public int receive(PacketBatch into, PacketPool pool) {
        int n = 0;
        while (!into.isFull()) {
            Packet datagram = inbound.peek();
            if (datagram == null) {
                break;
            }
            Packet copy = pool.acquire();
            if (copy == null) {
                // The reader's pool is dry: leave the datagram queued and ask to be read again,
                // back-pressure rather than loss, as the kernel's buffer holds a datagram.
                readable.run();
                break;
            }
            inbound.poll();
            if (datagram.length() > copy.tailroom()) {
                drops.count(TransportDrops.TRUNCATED, 1);
                datagram.release();
                copy.release();
                continue;
            }
            datagram.copyTo(copy);
            int sender = datagram.remote();
            RemoteAddress source = network.remoteAddressOf(sender);
            if (source != null) {
                copy.remoteAddress().copyFrom(source);
            }
            copy.setRemote(peers.knows(sender) ? sender : UNKNOWN_PEER);
            datagram.release();
            into.add(copy);
            n++;
        }
        received.add(n);
        return n;
    }

    /** Queues the packet for the address behind {@code peerHandle}; false for a handle the network never gave out. */
    @Override
    public boolean send(Packet packet, int peerHandle) {
        if (!open || network.addressOf(peerHandle) == null) {
            return false;
        }
        if (pendingCount == pending.length) {
            flush();
        }
        packet.setRemote(peerHandle);
        pending[pendingCount++] = packet;
        return true;
    }

    /** Queues the packet for the address it came from, which must be one the network numbered. */
    @Override
    public boolean sendBack(Packet packet) {
        int number = packet.remoteAddress().isSet() ? network.numberOf(packet.remoteAddress()) : -1;
        return number >= 0 && send(packet, number);
    }

    /** Hands every queued datagram to its receiver, in order; what cannot be delivered is counted and released. */
    @Override
    public void flush() {
        for (int i = 0; i < pendingCount; i++) {
            Packet packet = pending[i];
            pending[i] = null;
            MemoryTransport receiver = network.receiver(packet.remote(), number);
            if (receiver == null) {
                drops.count(TransportDrops.SEND_FAILED, 1);
                packet.release();
                continue;
            }
            // In flight, the datagram's remote is its sender: the receiver's far end.
            packet.setRemote(number);
            network.tapped(packet, receiver);
            if (receiver.deliver(packet)) {
                sent.increment();
            } else {
                packet.release();
            }
        }
        pendingCount = 0;
    }

    private boolean deliver(Packet datagram) {
        if (!open || !inbound.offer(datagram)) {
            drops.count(TransportDrops.RECEIVE_QUEUE_FULL, 1);
            return false;
        }
        readable.run();
        return true;
    }

    /** The network's number of the address if this endpoint's group learned it; allocates (a test transport). */
    @Override
    public int knownHandleOf(RemoteAddress address) {
        int number = address.isSet() ? network.numberOf(address) : -1;
        return peers.knows(number) ? number : UNKNOWN_PEER;
    }

    /** The network's handle of {@code remote}, learned as a peer of this endpoint's group. */
    @Override
    public int handleOf(InetSocketAddress remote) {
        int handle = network.handleOf(remote);
        peers.learn(handle);
        return handle;
    }

    @Override
    public InetSocketAddress addressOf(int peerHandle) {
        return network.addressOf(peerHandle);
    }

    /**
     * Stops knowing the peer: its datagrams arrive from an unknown peer again. The handle stays
     * the network's number for the address (another endpoint may use it), so sending to it works.
     */
    @Override
    public void forget(int peerHandle) {
        peers.forget(peerHandle);
    }

    /** Addresses this endpoint's group has learned as peers. */
    @Override
    public int peerCount() {
        return peers.count();
    }

    @Override
    public Map<String, Long> dropCounts() {
        return drops.snapshot();
    }

    public long receivedPackets() {
        return received.sum();
    }

    public long sentPackets() {
        return sent.sum();
    }

    /** Closes the endpoint: queued datagrams, both ways, are released, and the address is free again once its group is closed. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        for (int i = 0; i < pendingCount; i++) {
            pending[i].release();
            pending[i] = null;
        }
        pendingCount = 0;
        Packet p;
        while ((p = inbound.poll()) != null) {
            p.release();
        }
        network.closed(this);
    }

    @Override
    public String toString() {
        return "MemoryTransport[" + local + "]";
    }
}
