package dev.culvert.vpn.client;

import dev.culvert.vpn.config.PeerInfoVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The peer-info entries a client adds for its configuration, as 2.6's {@code push_peer_info} does
 * on Linux: with {@code push-peer-info}, the hardware address of the interface that carries the
 * default route ({@code IV_HWADDR}, left out when there is none), the TLS library
 * ({@code IV_SSL}) and the kernel release ({@code IV_PLAT_VER}); then the configuration's
 * {@code setenv} variables ({@link PeerInfoVariables}), which win over the host's.
 */
final class HostPeerInfo {
    private static final Pattern HWADDR = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    /** /proc/net/route's columns: Iface, Destination, Gateway, Flags, …, Mask (the eighth). */
    private static final int MASK_COLUMN = 7;
    private static final int MAX_ROUTE_LINES = 10_000;

    private final Path procRoute;
    private final Path sysClassNet;

    HostPeerInfo() {
        this(Path.of("/proc/net/route"), Path.of("/sys/class/net"));
    }

    HostPeerInfo(Path procRoute, Path sysClassNet) {
        this.procRoute = procRoute;
        this.sysClassNet = sysClassNet;
    }

    /** The entries to send, for a client whose TLS library is {@code tlsLibrary}. */
    Map<String, String> entries(PeerInfoVariables variables, String tlsLibrary) {
        Map<String, String> info = new TreeMap<>();
        if (variables.pushPeerInfo()) {
            defaultRouteHwaddr().ifPresent(mac -> info.put("IV_HWADDR", mac));
            info.put("IV_SSL", printable(tlsLibrary));
            info.put("IV_PLAT_VER", printable(System.getProperty("os.version", "")));
        }
        info.putAll(variables.variables());
        return info;
    }

    /** The MAC address of the interface of the IPv4 default route (2.6's {@code get_default_gateway}), if it has one. */
    Optional<String> defaultRouteHwaddr() {
        try {
            List<String> lines = Files.readAllLines(procRoute);
            for (String line : lines.subList(Math.min(1, lines.size()), Math.min(lines.size(), MAX_ROUTE_LINES))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > MASK_COLUMN && f[1].equals("00000000") && f[MASK_COLUMN].equals("00000000")
                        && f[0].matches("[A-Za-z0-9_.@-]{1,15}")) {
                    String mac = Files.readString(sysClassNet.resolve(f[0]).resolve("address")).trim().toLowerCase(java.util.Locale.ROOT);
                    return HWADDR.matcher(mac).matches() && !mac.equals("00:00:00:00:00:00") ? Optional.of(mac) : Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            // No default route, or no /proc: 2.6 leaves IV_HWADDR out too.
        }
        return Optional.empty();
    }

    private static String printable(String text) {
        return text.replaceAll("[\\x00-\\x1f\\x7f]", "?");
    }
}
