package dev.culvert.vpn.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a server allows its clients: {@code client-to-client}, {@code duplicate-cn}, the
 * {@code client-config-dir} (with {@code ccd-exclusive}), {@code max-clients},
 * {@code connect-freq N SECONDS} (both 0: unlimited) and {@code connect-freq-initial N SECONDS}
 * (answers to UDP hard resets from unproved addresses; 2.6's default 100 per 10 s).
 */
public record ClientRules(boolean clientToClient, boolean duplicateCn, Optional<Path> clientConfigDir, boolean ccdExclusive,
                          int maxClients, int connectFreqCount, int connectFreqSeconds, int connectFreqInitialCount,
                          int connectFreqInitialSeconds) {
    /** 2.6's default {@code max-clients}. */
    public static final int DEFAULT_MAX_CLIENTS = 1024;
    /** 2.6's default {@code connect-freq-initial}: answers per window. */
    public static final int DEFAULT_INITIAL_ANSWERS = 100;
    /** 2.6's default {@code connect-freq-initial}: the window, seconds. */
    public static final int DEFAULT_INITIAL_SECONDS = 10;

    /** With 2.6's default {@code connect-freq-initial}. */
    public ClientRules(boolean clientToClient, boolean duplicateCn, Optional<Path> clientConfigDir, boolean ccdExclusive,
                       int maxClients, int connectFreqCount, int connectFreqSeconds) {
        this(clientToClient, duplicateCn, clientConfigDir, ccdExclusive, maxClients, connectFreqCount, connectFreqSeconds,
                DEFAULT_INITIAL_ANSWERS, DEFAULT_INITIAL_SECONDS);
    }
}
