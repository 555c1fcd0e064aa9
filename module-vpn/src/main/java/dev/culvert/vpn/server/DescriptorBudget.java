package dev.culvert.vpn.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether this process may open as many file descriptors as {@code max-clients} sessions can
 * need, said once at start. Past the limit new clients cannot connect (a TCP accept or a TLS
 * engine fails for want of a descriptor), which an operator would otherwise meet only on the
 * busiest day. A TCP client holds its connection; a TLS session holds what its module's engine
 * holds (Conscrypt: a pipe). UDP clients share their listener's socket.
 */
final class DescriptorBudget {
    /** What a server holds whatever its clients: the JVM's jars and libraries, TUN queues, listeners, epoll sets, a script's pipes. */
    static final int BASE = 256;

    private DescriptorBudget() {
    }

    /** Descriptors {@code maxClients} sessions can need, with {@code perEngine} per TLS engine and one per client over TCP. */
    static long needed(int maxClients, boolean tcp, int perEngine) {
        return BASE + (long) maxClients * ((tcp ? 1 : 0) + perEngine);
    }

    /** The warning to log, or empty where the limit suffices or cannot be read. */
    static Optional<String> warning(int maxClients, boolean tcp, String tlsModule, int perEngine, OptionalLong limit) {
        long needed = needed(maxClients, tcp, perEngine);
        if (limit.isEmpty() || limit.getAsLong() >= needed) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder();
        if (perEngine > 0) {
            why.append(perEngine).append(" per TLS session with the ").append(tlsModule).append(" TLS module");
        }
        if (tcp) {
            why.append(why.isEmpty() ? "" : ", ").append("1 per TCP client");
        }
        return Optional.of("max-clients " + maxClients + " can need about " + needed + " file descriptors (" + why
                + ", " + BASE + " for the node) but this process may open " + limit.getAsLong()
                + ": past that, new clients cannot connect. Raise the limit (LimitNOFILE= in the systemd unit, ulimit -n before"
                + " starting) or lower max-clients");
    }

    /** The soft limit on open files from {@code /proc/self/limits}; empty where unlimited or unreadable. */
    static OptionalLong openFileLimit(Path limits) {
        try {
            for (String line : Files.readAllLines(limits, StandardCharsets.US_ASCII)) {
                if (line.startsWith("Max open files")) {
                    String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                    return fields.length > 0 && fields[0].matches("\\d{1,18}") ? OptionalLong.of(Long.parseLong(fields[0])) : OptionalLong.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
