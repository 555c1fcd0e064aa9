package dev.culvert.spi.hook;

import java.util.concurrent.CompletionStage;

/**
 * Decides whether a client's username and password (the {@code auth-user-pass} of its key-method-2
 * message) let it in. The server asks on its first key exchange and on every renegotiation, as
 * 2.6 runs {@code auth-user-pass-verify} each time, and installs the key's data keys only after an
 * acceptance: until then the client has no tunnel.
 *
 * <p>Called on a control thread, never on a data-plane worker. An implementation that checks
 * quickly (a table in memory) answers with a completed stage; one that waits (a script, a
 * directory server) returns a stage it completes later from a thread of its own, and must not
 * block the caller. A stage that does not complete within the server's time limit counts as a
 * refusal. A stage that completes exceptionally is a refusal too, logged with its exception.
 */
public interface ClientAuthenticator {
    /** The name the slot and the status show, e.g. {@code script} or {@code ldap}. */
    String name();

    /**
     * Checks {@code request}. The request's password is wiped once the returned stage completes or
     * the time limit passes: copy what must outlive it.
     */
    CompletionStage<AuthVerdict> authenticate(AuthRequest request);
}
