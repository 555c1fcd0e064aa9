package dev.culvert.spi.link;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Opens links of one kind ({@code tun}, {@code virtual}) by name. */
public interface LinkFactory {
    /** The {@code dev-type}-like kind this factory opens: {@code tun} or {@code virtual}. */
    String kind();

    /**
     * Opens the link {@code name} with the given MTU. {@code queues} above 1 asks for a
     * multi-queue device, one queue per worker; the result has that many links.
     */
    Link[] open(String name, int mtu, int queues) throws IOException;

    /**
     * {@link #open(String, int, int)} with the device's transmit queue length ({@code txqueuelen});
     * 0 leaves the kernel's. A factory whose links have no kernel queue refuses any other length
     * rather than drop it unsaid.
     */
    default Link[] open(String name, int mtu, int txQueueLength, int queues) throws IOException {
        if (txQueueLength != 0) {
            throw new UnsupportedOperationException(kind() + " links have no transmit queue to set to " + txQueueLength);
        }
        return open(name, mtu, queues);
    }

    /**
     * Gives a device this factory opened what a tunnel assigns it (an address, the MTU, a route):
     * one iproute2 command, as its arguments after {@code ip} ({@code addr add 10.8.0.1/24 dev
     * tun0}). A factory for a kernel device runs it; one whose links have no kernel device (links
     * in memory) has nothing to set and takes it as done. It may block: call it from the control
     * side, never from a worker.
     */
    void configure(List<String> ipArguments) throws IOException;

    /**
     * How the host reaches {@code address} (an IPv4 or IPv6 literal) now, as {@code ip route get}
     * answers; empty when it cannot (no route), and for links in memory, which have no host
     * routing table. For {@code redirect-gateway}, on the control side.
     */
    default Optional<HostRoute> routeTo(String address) throws IOException {
        return Optional.empty();
    }

    /** The host's IPv4 default route now ({@code ip route show default}); empty without one, and for links in memory. */
    default Optional<HostRoute> defaultRoute() throws IOException {
        return Optional.empty();
    }

    /**
     * The IPv4 networks of {@code device}'s addresses now ({@code ip -4 addr show dev DEVICE}), as
     * {@code ADDRESS/BITS}, e.g. {@code 192.168.1.20/24}; none for links in memory.
     */
    default List<String> ipv4Addresses(String device) throws IOException {
        return List.of();
    }

    /**
     * Rehearses the per-packet work of the links this factory opened (their offloads, say) once per
     * process, on a thread of its own at the lowest priority, so the first traffic finds it compiled;
     * returns at once. A node calls it once it listens, off its start-up's way. Nothing to rehearse:
     * nothing done.
     */
    default void warmUp() {
    }
}
