package dev.culvert.vpn.management;

/**
 * A client's side of the management interface: what 2.6's client does for {@code signal SIGUSR1}
 * and {@code forget-passwords}. A client has no clients to kill: those commands answer 2.6's
 * "not supported by the current daemon mode".
 */
public interface ClientTarget extends ManagementTarget {
    /**
     * {@code signal SIGUSR1}: drops the connection and connects again (2.6's soft restart), in the
     * node, so that the management interface and its client stay; after a hold if the hold flag is on.
     */
    void reconnect(String why);

    /** {@code forget-passwords}: the kept password and any auth token are wiped; the next connection asks again. */
    void forgetPasswords();
}
