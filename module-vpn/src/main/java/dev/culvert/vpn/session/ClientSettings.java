package dev.culvert.vpn.session;

import dev.culvert.vpn.push.PushFilter;
import java.util.Map;
import java.util.Objects;

/**
 * What only a client session needs.
 *
 * @param explicitExitNotify explicit-exit-notify count (0: none; UDP only, as in 2.6)
 * @param version            IV_VER
 * @param platform           IV_PLAT
 * @param peerInfoExtra      further peer-info entries, for what the runtime implements besides the core
 * @param credentials        the username and password key method 2 sends ({@code auth-user-pass}); null without
 * @param pushFilter         what the client keeps of the server's push ({@code pull-filter}, {@code route-nopull})
 */
public record ClientSettings(int explicitExitNotify, String version, String platform, Map<String, String> peerInfoExtra,
                             ClientCredentials credentials, PushFilter pushFilter) {
    public ClientSettings {
        if (explicitExitNotify < 0) {
            throw new IllegalArgumentException("explicit-exit-notify must not be negative");
        }
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(platform, "platform");
        peerInfoExtra = Map.copyOf(peerInfoExtra);
        Objects.requireNonNull(pushFilter, "pushFilter");
    }

    /** A client announcing itself as {@code version} on linux, without explicit-exit-notify. */
    public static ClientSettings announcing(String version) {
        return new ClientSettings(0, version == null ? "culvert" : version, "linux", Map.of(), null, PushFilter.NONE);
    }

    public ClientSettings withExplicitExitNotify(int count) {
        return new ClientSettings(count, version, platform, peerInfoExtra, credentials, pushFilter);
    }

    public ClientSettings withPlatform(String name) {
        return new ClientSettings(explicitExitNotify, version, name, peerInfoExtra, credentials, pushFilter);
    }

    /**
     * The same with peer-info entries for what the runtime implements besides the core, such as the
     * compression framings ({@code IV_COMP_STUBv2=1}, {@code IV_LZ4v2=1}): a server pushes
     * {@code compress} only to a client that announces it.
     */
    public ClientSettings withPeerInfo(Map<String, String> extra) {
        return new ClientSettings(explicitExitNotify, version, platform, extra == null ? Map.of() : extra, credentials, pushFilter);
    }

    /** The same, keeping of the server's push what {@code filter} lets through. */
    public ClientSettings withPushFilter(PushFilter filter) {
        return new ClientSettings(explicitExitNotify, version, platform, peerInfoExtra, credentials, filter);
    }

    /** The same, sending {@code source}'s username and password (or token) in key method 2. */
    public ClientSettings withCredentials(ClientCredentials source) {
        return new ClientSettings(explicitExitNotify, version, platform, peerInfoExtra, source, pushFilter);
    }
}
