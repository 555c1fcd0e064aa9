package dev.culvert.spi.hook;

import java.util.concurrent.CompletionStage;

/**
 * Told when a client connects, after it was authenticated and given its addresses, and when it
 * leaves: 2.6's {@code client-connect} and {@code client-disconnect}. The connect answer may
 * refuse the client or add to its configuration ({@link ConnectVerdict}); the client gets its
 * PUSH_REPLY only after it. The {@code connect} slot's active binding is told, as with
 * {@link ClientAuthenticator}.
 *
 * <p>Called on a control thread, never on a data-plane worker; an implementation that waits
 * returns a stage it completes later and must not block the caller. A stage that does not
 * complete within the server's time limit, or fails, refuses the client.
 */
public interface ConnectHook {
    String name();

    CompletionStage<ConnectVerdict> connecting(ClientInfo client);

    /** The client is connected: its routes are set and its PUSH_REPLY is on its way. Nothing waits for it. */
    default void established(ClientInfo client) {
    }

    /**
     * The client left, after {@code seconds} connected, having sent {@code bytesReceived} and been
     * sent {@code bytesSent}. Nothing waits for it.
     */
    default void disconnected(ClientInfo client, long bytesReceived, long bytesSent, long seconds) {
    }
}
