package dev.culvert.spi.hook;

import java.util.List;
import java.util.Objects;

/**
 * A connect hook's answer. An accepted client may get more configuration, in the syntax of a
 * {@code client-config-dir} file, applied after that file: {@code push "route ..."},
 * {@code push-reset}, {@code ifconfig-push}, {@code ifconfig-ipv6-push}, {@code iroute},
 * {@code iroute-ipv6} or {@code disable} (what 2.6 reads from the file a {@code client-connect}
 * script writes).
 *
 * @param accepted    whether the client may connect
 * @param reason      why, for the server's log
 * @param configLines the lines to apply, empty for none
 */
public record ConnectVerdict(boolean accepted, String reason, List<String> configLines) {
    public ConnectVerdict {
        Objects.requireNonNull(reason, "reason");
        configLines = List.copyOf(configLines);
        if (!accepted && !configLines.isEmpty()) {
            throw new IllegalArgumentException("a refused client gets no configuration");
        }
    }

    public static ConnectVerdict accept(String reason, List<String> configLines) {
        return new ConnectVerdict(true, reason, configLines);
    }

    public static ConnectVerdict refuse(String reason) {
        return new ConnectVerdict(false, reason, List.of());
    }
}
