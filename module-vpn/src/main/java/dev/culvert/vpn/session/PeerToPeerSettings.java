package dev.culvert.vpn.session;

import java.util.Objects;

/**
 * What only a point-to-point session needs (2.6's {@code tls-server}/{@code tls-client} without
 * {@code server}, {@code client} or {@code pull}): both sides announce themselves in peer-info
 * and settle cipher, key derivation and peer-id from each other's, with no push. The TLS role is
 * the {@link CommonSettings#tls() TLS settings'} own.
 *
 * @param explicitExitNotify explicit-exit-notify count (0: none; UDP only, as in 2.6)
 * @param version            IV_VER
 * @param platform           IV_PLAT
 */
public record PeerToPeerSettings(int explicitExitNotify, String version, String platform) {
    public PeerToPeerSettings {
        if (explicitExitNotify < 0) {
            throw new IllegalArgumentException("explicit-exit-notify must not be negative");
        }
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(platform, "platform");
    }

    /** A peer announcing itself as {@code version} on linux, without explicit-exit-notify. */
    public static PeerToPeerSettings announcing(String version) {
        return new PeerToPeerSettings(0, version == null ? "culvert" : version, "linux");
    }

    public PeerToPeerSettings withExplicitExitNotify(int count) {
        return new PeerToPeerSettings(count, version, platform);
    }
}
