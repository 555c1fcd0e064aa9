package dev.culvert.vpn.session;

import java.util.Objects;

/**
 * What only a server session needs.
 *
 * @param pushReplySource    the PUSH_REPLY for this client
 * @param checksCredentials  whether each key's username and password go to the runtime
 *                           ({@link SessionEvent.CredentialsToCheck}) and the key waits for
 *                           {@link VpnSession#credentialsChecked} before its data keys are made, as
 *                           2.6 defers them until the client is authenticated
 */
public record ServerSettings(PushReplySource pushReplySource, boolean checksCredentials) {
    public ServerSettings {
        Objects.requireNonNull(pushReplySource, "a server needs a PUSH_REPLY source");
    }

    /** A server that trusts the certificate alone. */
    public static ServerSettings pushing(PushReplySource source) {
        return new ServerSettings(source, false);
    }

    public ServerSettings checkingCredentials(boolean check) {
        return new ServerSettings(pushReplySource, check);
    }
}
