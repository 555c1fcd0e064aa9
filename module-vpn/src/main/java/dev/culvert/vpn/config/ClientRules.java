package dev.culvert.vpn.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a server allows its clients: {@code client-to-client}, {@code duplicate-cn}, the
 * {@code client-config-dir} (with {@code ccd-exclusive}), {@code max-clients} and
 * {@code connect-freq N SECONDS} (both 0: unlimited).
 */
public record ClientRules(boolean clientToClient, boolean duplicateCn, Optional<Path> clientConfigDir, boolean ccdExclusive,
                          int maxClients, int connectFreqCount, int connectFreqSeconds) {
    /** 2.6's default {@code max-clients}. */
    public static final int DEFAULT_MAX_CLIENTS = 1024;
}
