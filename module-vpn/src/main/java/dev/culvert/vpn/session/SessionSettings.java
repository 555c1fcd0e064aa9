package dev.culvert.vpn.session;

import dev.culvert.vpn.keys.Role;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one session needs, fixed for its life: the part both roles share and the part of
 * its own role. Make one with {@link #forClient} or {@link #forServer}; exactly one role part is
 * present.
 *
 * @param common what either role needs
 * @param client a client's own settings, or null for a server
 * @param server a server's own settings, or null for a client
 */
public record SessionSettings(CommonSettings common, ClientSettings client, ServerSettings server) {

    /** 2.6's PUSH_REQUEST_INTERVAL. */
    public static final int PUSH_REQUEST_INTERVAL_SECONDS = 5;

    public SessionSettings {
        Objects.requireNonNull(common, "common");
        if ((client == null) == (server == null)) {
            throw new IllegalArgumentException("a session is either a client's or a server's");
        }
        if (common.tls().client() != (client != null)) {
            throw new IllegalArgumentException("the TLS role must match the OpenVPN role " + (client != null ? Role.CLIENT : Role.SERVER));
        }
    }

    public static SessionSettings forClient(CommonSettings common, ClientSettings client) {
        return new SessionSettings(common, Objects.requireNonNull(client, "client"), null);
    }

    public static SessionSettings forServer(CommonSettings common, ServerSettings server) {
        return new SessionSettings(common, null, Objects.requireNonNull(server, "server"));
    }

    public Role role() {
        return client != null ? Role.CLIENT : Role.SERVER;
    }

    /** explicit-exit-notify: a client's count; 0 for a server, whose notice at shutdown is the runtime's RESTART. */
    public int explicitExitNotify() {
        return client != null ? client.explicitExitNotify() : 0;
    }

    /** A client's settings with further peer-info entries (see {@link ClientSettings#withPeerInfo}). */
    public SessionSettings withPeerInfo(Map<String, String> extra) {
        if (client == null) {
            throw new IllegalStateException("peer-info is what a client announces");
        }
        return forClient(common, client.withPeerInfo(extra));
    }
}
