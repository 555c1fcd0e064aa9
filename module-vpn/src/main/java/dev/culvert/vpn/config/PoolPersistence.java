package dev.culvert.vpn.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code ifconfig-pool-persist FILE [SECONDS]}: where the pool's leases are kept across restarts.
 *
 * @param seconds how often the file is rewritten (2.6 default 600; 0: read at start, written only at exit, as 2.6)
 */
public record PoolPersistence(Optional<Path> file, int seconds) {
    public static final int DEFAULT_SECONDS = 600;
}
