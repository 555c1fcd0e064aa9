package dev.culvert.vpn.session;

import java.util.Objects;

/**
 * What only a server session needs.
 *
 * @param pushReplySource the PUSH_REPLY for this client
 */
public record ServerSettings(PushReplySource pushReplySource) {
    public ServerSettings {
        Objects.requireNonNull(pushReplySource, "a server needs a PUSH_REPLY source");
    }

    public static ServerSettings pushing(PushReplySource source) {
        return new ServerSettings(source);
    }
}
