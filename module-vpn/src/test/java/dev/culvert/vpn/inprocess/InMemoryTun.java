package dev.culvert.vpn.inprocess;

import dev.culvert.core.link.VirtualLink;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.link.LinkFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TUN device in memory, bound in the link slot as {@code tun}: each queue the node opens is one
 * end of a {@link VirtualLink} cable, and the test holds the other ends, as an application holds
 * a real TUN device's far side (the kernel's IP stack). The {@code ip} commands the node gives
 * the device are kept, not run: no root is needed.
 */
final class InMemoryTun implements LinkFactory {
    private static final int MTU_ROOM = 1600;

    private final String name;
    private final PacketPool pool;
    private final List<VirtualLink> farEnds = new CopyOnWriteArrayList<>();
    private final List<List<String>> configured = new CopyOnWriteArrayList<>();

    InMemoryTun(String name) {
        this.name = name;
        this.pool = new PacketPool(name + "-far", 256);
    }

    @Override
    public String kind() {
        return "tun";
    }

    @Override
    public Link[] open(String requested, int mtu, int queues) {
        Link[] near = new Link[queues];
        farEnds.clear();
        for (int q = 0; q < queues; q++) {
            VirtualLink[] cable = VirtualLink.pair(name + "-q" + q, Math.max(mtu, MTU_ROOM), 256);
            near[q] = cable[0];
            farEnds.add(cable[1]);
        }
        return near;
    }

    @Override
    public void configure(List<String> ipArguments) {
        configured.add(List.copyOf(ipArguments));
    }

    /** The {@code ip} commands the node asked for, in order. */
    List<List<String>> configured() {
        return configured;
    }

    /** Writes an IP packet into the device, as the kernel would when a local process sends. */
    boolean write(byte[] packet) {
        return farEnds.get(0).send(packet, 0, packet.length, pool);
    }

    /**
     * Reads the next IP packet the node wrote to any queue of the device; null if none comes within
     * {@code timeout}.
     */
    byte[] read(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        byte[] buffer = new byte[MTU_ROOM];
        do {
            for (VirtualLink far : farEnds) {
                if (far.pending() > 0) {
                    int n = far.receive(buffer, 0, TimeUnit.NANOSECONDS);
                    if (n >= 0) {
                        return Arrays.copyOf(buffer, n);
                    }
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        } while (System.nanoTime() < deadline);
        return null;
    }
}
