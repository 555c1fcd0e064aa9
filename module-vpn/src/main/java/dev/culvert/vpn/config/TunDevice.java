package dev.culvert.vpn.config;

import dev.culvert.spi.route.Prefix;
import java.util.List;

/**
 * The server's TUN device: its {@code dev} name as written (e.g. {@code tun} or {@code tun7}),
 * its {@code tun-mtu}, and the {@code route} lines: networks the server sends into the tunnel (to
 * the client whose {@code iroute} covers them). The server network itself is not among them.
 * {@code txQueueLength} is {@code txqueuelen}'s, 0 leaving the kernel's.
 */
public record TunDevice(String name, int mtu, List<Prefix> routes, int txQueueLength) {
    /** 2.6's default {@code tun-mtu}. */
    public static final int DEFAULT_MTU = 1500;

    /** A device with the kernel's transmit queue length. */
    public TunDevice(String name, int mtu, List<Prefix> routes) {
        this(name, mtu, routes, 0);
    }

    public TunDevice {
        routes = List.copyOf(routes);
    }
}
