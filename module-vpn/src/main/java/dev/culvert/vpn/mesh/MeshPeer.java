package dev.culvert.vpn.mesh;

import dev.culvert.spi.route.Prefix;
import java.util.List;
import java.util.Optional;

/**
 * One peer of a mesh: its name (which its certificate's common name must equal), where it
 * listens, and the networks behind it. A peer without a fixed address (declared with {@code *})
 * is a leaf: it initiates, this node serves it ({@link TlsTieBreak}).
 *
 * @param name     the peer's name, equal to its certificate's common name
 * @param host     where it listens, or empty for a leaf
 * @param port     its UDP port, or 0 for a leaf
 * @param prefixes the networks it owns, at least one
 */
public record MeshPeer(String name, Optional<String> host, int port, List<Prefix> prefixes) {
    public MeshPeer {
        prefixes = List.copyOf(prefixes);
        if (host.isEmpty() != (port == 0)) {
            throw new IllegalArgumentException("a leaf has neither host nor port; a node has both");
        }
    }

    /** Whether the peer has no fixed address and so always initiates. */
    public boolean leaf() {
        return host.isEmpty();
    }

    /** {@code HOST:PORT}, or {@code *} for a leaf, as the line gave it. */
    public String endpoint() {
        return host.map(h -> (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port).orElse("*");
    }
}
