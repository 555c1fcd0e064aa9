package dev.culvert.core.io.memory;

import dev.culvert.core.packet.RemoteAddress;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The address space of an in-memory datagram network. Every socket address that is bound, sent
 * to or received from gets a number once; that number is the handle every endpoint uses for it,
 * so endpoints of one network share one space of handles, as the sockets of one UDP endpoint
 * share their peer table. At most {@code maxAddresses} addresses are known; beyond that an
 * address gets no handle and its datagrams are dropped, counted. Which of them a group of
 * endpoints has learned as peers is the group's own ({@link MemoryPeers}), as with a UDP
 * endpoint's peer table: a datagram from any other address arrives from an unknown peer.
 *
 * <p>An address is bound by a group of endpoints (one per worker, as {@code SO_REUSEPORT}); a
 * datagram goes to one of them chosen by its sender, so a sender always reaches the same one.
 * An endpoint bound to a wildcard address ({@code 0.0.0.0} or {@code ::}) receives what is sent
 * to any address with its port that no endpoint binds exactly.
 */
public final class MemoryNetwork {
    /** The first port handed out to an endpoint opened without a local address. */
    public static final int FIRST_EPHEMERAL_PORT = 49_152;

    private static final InetAddress IPV4_LOOPBACK = literal(new byte[] {127, 0, 0, 1});
    private static final InetAddress IPV6_LOOPBACK = literal(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    private final int queueCapacity;
    private final InetSocketAddress[] addresses;
    private final RemoteAddress[] remoteAddresses;
    private final Map<InetSocketAddress, Integer> numbers = new HashMap<>();
    private final AtomicReferenceArray<MemoryTransport[]> boundExactly;
    private final AtomicReferenceArray<MemoryTransport[]> boundWildcard = new AtomicReferenceArray<>(65_536);
    private int known;
    private volatile Tap tap;
    private int nextEphemeralPort = FIRST_EPHEMERAL_PORT;

    /** A network whose endpoints queue up to {@code queueCapacity} datagrams each. */
    public MemoryNetwork(int queueCapacity, int maxAddresses) {
        if (queueCapacity < 1 || maxAddresses < 1 || maxAddresses > 1 << 20) {
            throw new IllegalArgumentException("memory network: queue " + queueCapacity + ", addresses " + maxAddresses);
        }
        this.queueCapacity = queueCapacity;
        this.addresses = new InetSocketAddress[maxAddresses];
        this.remoteAddresses = new RemoteAddress[maxAddresses];
        this.boundExactly = new AtomicReferenceArray<>(maxAddresses);
    }

    /** A network of 1024 addresses whose endpoints queue 1024 datagrams each. */
    public MemoryNetwork() {
        this(1_024, 1_024);
    }

    /** The handle of {@code address}, numbering it if new; -1 when the network knows too many. */
    public synchronized int handleOf(InetSocketAddress address) {
        Integer number = numbers.get(address);
        if (number != null) {
            return number;
        }
        if (known == addresses.length) {
            return -1;
        }
        addresses[known] = address;
        RemoteAddress remote = RemoteAddress.holder();
        remote.set(address);
        remoteAddresses[known] = remote;
        numbers.put(address, known);
        return known++;
    }

    /** Addresses the network has numbered, bound endpoints among them. */
    public synchronized int known() {
        return known;
    }

    /** The address behind a handle, or null for a handle this network never gave out. */
    public InetSocketAddress addressOf(int handle) {
        if (handle < 0 || handle >= addresses.length) {
            return null;
        }
        synchronized (this) {
            return addresses[handle];
        }
    }

    /**
     * The address numbered {@code handle}, as a datagram's source records it; null for a number
     * never given out. No lock, no allocation: a datagram carries a number only once its sender
     * was numbered, and the queue it went through published the entry.
     */
    RemoteAddress remoteAddressOf(int handle) {
        return handle >= 0 && handle < remoteAddresses.length ? remoteAddresses[handle] : null;
    }

    /** The number of an address the network knows, or -1; never numbers a new one. Allocates. */
    synchronized int numberOf(RemoteAddress address) {
        Integer number = numbers.get(address.toInetSocketAddress());
        return number == null ? -1 : number;
    }

    /**
     * Binds {@code sockets} endpoints to {@code local} (or, if null, to a fresh port on the
     * loopback address of {@code near}'s family). Fails as a socket would if the address is taken.
     */
    public synchronized MemoryTransport[] bind(InetSocketAddress local, InetSocketAddress near, int sockets) throws BindException {
        if (sockets < 1) {
            throw new IllegalArgumentException("sockets " + sockets);
        }
        InetSocketAddress address = local != null ? local : ephemeral(near);
        int number = handleOf(address);
        if (number < 0) {
            throw new BindException("memory network: no room for another address (" + address + ")");
        }
        boolean wildcard = address.getAddress().isAnyLocalAddress();
        if ((wildcard ? boundWildcard.get(address.getPort()) : boundExactly.get(number)) != null) {
            throw new BindException("memory network: " + address + " is in use");
        }
        MemoryTransport[] group = new MemoryTransport[sockets];
        MemoryPeers peers = new MemoryPeers(addresses.length);
        for (int i = 0; i < sockets; i++) {
            group[i] = new MemoryTransport(this, address, number, queueCapacity, peers);
        }
        if (wildcard) {
            boundWildcard.set(address.getPort(), group);
        } else {
            boundExactly.set(number, group);
        }
        return group.clone();
    }

    private InetSocketAddress ephemeral(InetSocketAddress near) {
        boolean v6 = near != null && near.getAddress() instanceof Inet6Address;
        InetAddress loopback = v6 ? IPV6_LOOPBACK : IPV4_LOOPBACK;
        if (nextEphemeralPort > 65_535) {
            throw new IllegalStateException("memory network: out of ephemeral ports");
        }
        return new InetSocketAddress(loopback, nextEphemeralPort++);
    }

    /**
     * The open endpoint that receives what {@code sender} sends to {@code destination}, or null
     * if none does. Takes no lock and allocates nothing: the data path calls it per datagram.
     */
    MemoryTransport receiver(int destination, int sender) {
        MemoryTransport[] group = boundExactly.get(destination);
        if (group == null) {
            InetSocketAddress address = addressOf(destination);
            group = address == null ? null : boundWildcard.get(address.getPort());
        }
        if (group == null) {
            return null;
        }
        int start = Math.floorMod(sender, group.length);
        for (int i = 0; i < group.length; i++) {
            MemoryTransport candidate = group[(start + i) % group.length];
            if (candidate.isOpen()) {
                return candidate;
            }
        }
        return null;
    }

    /** Frees the address once every endpoint of its group is closed, so it can be bound again. */
    synchronized void closed(MemoryTransport endpoint) {
        InetSocketAddress address = endpoint.localAddress();
        boolean wildcard = address.getAddress().isAnyLocalAddress();
        MemoryTransport[] group = wildcard ? boundWildcard.get(address.getPort()) : boundExactly.get(endpoint.number());
        if (group == null) {
            return;
        }
        for (MemoryTransport t : group) {
            if (t.isOpen()) {
                return;
            }
        }
        if (wildcard) {
            boundWildcard.compareAndSet(address.getPort(), group, null);
        } else {
            boundExactly.compareAndSet(endpoint.number(), group, null);
        }
    }

    /**
     * Moves the endpoints bound to {@code bound} to a fresh port, as a NAT does when it gives a
     * client a new mapping: what they send now comes from the new address, and what is sent to
     * the old one reaches nobody. Returns the new address.
     */
    public synchronized InetSocketAddress rebind(InetSocketAddress bound) throws BindException {
        Integer old = numbers.get(bound);
        MemoryTransport[] group = old == null ? null : boundExactly.get(old);
        if (group == null) {
            throw new BindException("memory network: nothing is bound to " + bound);
        }
        InetSocketAddress address = ephemeral(bound);
        int number = handleOf(address);
        if (number < 0) {
            throw new BindException("memory network: no room for another address (" + address + ")");
        }
        for (MemoryTransport endpoint : group) {
            endpoint.moveTo(address, number);
        }
        boundExactly.set(number, group);
        boundExactly.compareAndSet(old, group, null);
        return address;
    }

    /** What a test sees of each datagram delivered on the network, as a capture on the wire would. */
    @FunctionalInterface
    public interface Tap {
        /** A copy of a datagram's bytes, from {@code source} to {@code destination}; on the sender's thread. */
        void seen(InetSocketAddress source, InetSocketAddress destination, byte[] datagram);
    }

    /** Shows every datagram delivered from now on to {@code tap} (null stops it); for tests, as tcpdump. */
    public void tap(Tap tap) {
        this.tap = tap;
    }

    void tapped(dev.culvert.core.packet.Packet datagram, MemoryTransport receiver) {
        Tap t = tap;
        if (t != null) {
            t.seen(addressOf(datagram.remote()), receiver.localAddress(), datagram.toByteArray());
        }
    }

    private static InetAddress literal(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A factory that opens endpoints on this network and calls its protocol {@code protocol} ({@code udp}, say). */
    public MemoryTransportFactory transportFactory(String protocol) {
        return new MemoryTransportFactory(this, protocol);
    }
}
