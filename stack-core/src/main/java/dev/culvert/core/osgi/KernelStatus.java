package dev.culvert.core.osgi;

import dev.culvert.core.config.Config;
import dev.culvert.core.slot.Binding;
import dev.culvert.core.slot.Slot;
import dev.culvert.core.slot.SlotNames;
import dev.culvert.spi.compress.CompressionSettings;
import dev.culvert.spi.config.ConfigException;
import dev.culvert.spi.node.RunningNode;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code culvert:status} as an operator reads it: the slots, then what runs. The node slot lists
 * roles, every one a candidate (the first that accepts a configuration runs it), so it names no
 * "active" one; the running node is named by its role and configuration file. The compress
 * slot's best codec is what a node would use if its configuration asked for compression: when
 * the running configuration asks for none, the status says so instead of letting the slot's
 * choice look active.
 */
final class KernelStatus {
    private KernelStatus() {
    }

    /** The running node's role, configuration and status; the running fields are null when none runs. */
    record Running(String role, Config config, RunningNode node) {
    }

    static String render(String nativeIo, Collection<Slot<?>> slots, Running running) {
        StringBuilder out = new StringBuilder("native I/O: ").append(nativeIo).append('\n').append("slots:\n");
        String compression = running == null ? null : compression(running.config());
        for (Slot<?> slot : slots) {
            out.append("  ");
            if (slot.name().equals(SlotNames.NODE)) {
                out.append("node: roles ").append(slot.all().stream().map(Binding::name).collect(Collectors.joining(", ")))
                        .append(" (a configuration runs in the first that accepts it)");
            } else {
                out.append(slot.describe());
                if (slot.name().equals(SlotNames.COMPRESS) && compression != null && compression.startsWith("none")) {
                    out.append("; the running node: ").append(compression);
                }
            }
            out.append('\n');
        }
        if (running == null) {
            return out.append("running: no node\n").toString();
        }
        out.append("running: ").append(running.role()).append(" from ").append(source(running.config())).append('\n');
        out.append("  compression: ").append(compression).append('\n');
        running.node().status().lines().forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString();
    }

    /** What the configuration asks of compression, in an operator's words. */
    static String compression(Config config) {
        try {
            Optional<CompressionSettings> settings = CompressionSettings.from(config);
            if (settings.isEmpty()) {
                return config.has("compress") || config.has("comp-lzo") ? "decided per client (compress migrate)"
                        : "none (not configured)";
            }
            CompressionSettings s = settings.get();
            return s.codec().equals("none") ? "none (framing only: " + s.format() + ")"
                    : s.codec() + " (" + s.format() + (s.compressOutgoing() ? "" : "; sends uncompressed without allow-compression yes") + ")";
        } catch (ConfigException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static String source(Config config) {
        return config.directives().isEmpty() ? "(an empty configuration)" : config.directives().get(0).source();
    }
}
