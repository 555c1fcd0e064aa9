package dev.culvert.spi.link;

import java.util.Objects;
import java.util.Optional;

/**
 * How the host reaches an address now, outside any tunnel: the gateway (none for a directly
 * connected network) and the device. What {@code redirect-gateway} keeps for the server's own
 * packets, and puts back when the tunnel goes.
 *
 * @param gateway the next hop, or null when the destination is on the device's own network
 * @param device  the interface, e.g. {@code eth0}
 */
public record HostRoute(String gateway, String device) {
    public HostRoute {
        Objects.requireNonNull(device, "device");
    }

    /** Whether the destination is on a directly connected network (no gateway). */
    public boolean direct() {
        return gateway == null;
    }

    /**
     * Reads {@code ip route get} output: {@code 192.0.2.1 via 10.0.0.1 dev eth0 src 10.0.0.2 uid 0}
     * or {@code 192.0.2.1 dev eth0 src …}; empty for a route it cannot use (unreachable, a local
     * address, a line without a device).
     */
    public static Optional<HostRoute> parse(String ipRouteGet) {
        String firstLine = ipRouteGet.lines().findFirst().orElse("").trim();
        String[] words = firstLine.split("\\s+");
        if (words.length == 0 || words[0].equals("unreachable") || words[0].equals("local") || words[0].equals("blackhole")
                || words[0].equals("prohibit")) {
            return Optional.empty();
        }
        String via = null;
        String dev = null;
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("via")) {
                via = words[i + 1];
            } else if (words[i].equals("dev")) {
                dev = words[i + 1];
            }
        }
        if (via != null && via.startsWith("inet")) {
            return Optional.empty(); // "via inet6 …" (an IPv4 route through an IPv6 next hop): not one ip can be told back
        }
        return dev == null ? Optional.empty() : Optional.of(new HostRoute(via, dev));
    }
}
