package dev.culvert.vpn.session;

import dev.culvert.vpn.keys.Role;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one session needs, fixed for its life: the part every role shares and the part of
 * its own role. Make one with {@link #forClient}, {@link #forServer} or {@link #forPeerToPeer};
 * exactly one role part is present.
 *
 * @param common     what every role needs
 * @param client     a client's own settings, or null
 * @param server     a server's own settings, or null
 * @param peerToPeer a point-to-point peer's own settings, or null; its TLS role is {@code common}'s
 */
public record SessionSettings(CommonSettings common, ClientSettings client, ServerSettings server, PeerToPeerSettings peerToPeer) {

    /** 2.6's PUSH_REQUEST_INTERVAL. */
    public static final int PUSH_REQUEST_INTERVAL_SECONDS = 5;

    public SessionSettings {
        Objects.requireNonNull(common, "common");
        int parts = (client == null ? 0 : 1) + (server == null ? 0 : 1) + (peerToPeer == null ? 0 : 1);
        if (parts != 1) {
            throw new IllegalArgumentException("a session is either a client's, a server's or a point-to-point peer's");
        }
        if (peerToPeer == null && common.tls().client() != (client != null)) {
            throw new IllegalArgumentException("the TLS role must match the OpenVPN role " + (client != null ? Role.CLIENT : Role.SERVER));
        }
    }

    /** A client's or a server's settings. */
    public SessionSettings(CommonSettings common, ClientSettings client, ServerSettings server) {
        this(common, client, server, null);
    }

    public static SessionSettings forClient(CommonSettings common, ClientSettings client) {
        return new SessionSettings(common, Objects.requireNonNull(client, "client"), null);
    }

    public static SessionSettings forServer(CommonSettings common, ServerSettings server) {
        return new SessionSettings(common, null, Objects.requireNonNull(server, "server"));
    }

    /**
     * A point-to-point peer's: TLS server or client as {@code common.tls()} says, negotiating
     * with the other peer without a push.
     */
    public static SessionSettings forPeerToPeer(CommonSettings common, PeerToPeerSettings peerToPeer) {
        return new SessionSettings(common, null, null, Objects.requireNonNull(peerToPeer, "peerToPeer"));
    }

    /** The TLS role, which also orders the key derivation: a point-to-point peer's is its TLS settings'. */
    public Role role() {
        if (peerToPeer != null) {
            return common.tls().client() ? Role.CLIENT : Role.SERVER;
        }
        return client != null ? Role.CLIENT : Role.SERVER;
    }

    /**
     * explicit-exit-notify: a client's or a point-to-point peer's count; 0 for a server, whose
     * notice at shutdown is the runtime's RESTART.
     */
    public int explicitExitNotify() {
        if (peerToPeer != null) {
            return peerToPeer.explicitExitNotify();
        }
        return client != null ? client.explicitExitNotify() : 0;
    }

    /** A client's settings with further peer-info entries (see {@link ClientSettings#withPeerInfo}). */
    public SessionSettings withPeerInfo(Map<String, String> extra) {
        if (client == null) {
            throw new IllegalStateException("peer-info is what a client announces");
        }
        return forClient(common, client.withPeerInfo(extra));
    }

    /** A client's settings sending {@code source}'s credentials in key method 2 (see {@link ClientSettings#withCredentials}). */
    public SessionSettings withCredentials(ClientCredentials source) {
        if (client == null) {
            throw new IllegalStateException("credentials are what a client sends");
        }
        return forClient(common, client.withCredentials(source));
    }
}
