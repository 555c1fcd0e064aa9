package dev.culvert.vpn.config;

import java.util.Optional;

/**
 * How the server process runs: the {@code user} and {@code group} it drops to, its data-plane
 * threads ({@code culvert-workers}, or one per available processor), {@code verb}, and
 * {@code explicit-exit-notify} as 2.6 reads it on a server: 0 none; 1 send {@code RESTART} to
 * every client at shutdown; 2 send {@code RESTART,[N]} (reconnect to the next server). Without an
 * argument it is 1.
 */
public record ProcessSettings(Optional<String> user, Optional<String> group, int workers, int verb, int explicitExitNotify) {
    /** 2.6's default {@code verb}. */
    public static final int DEFAULT_VERB = 1;
}
