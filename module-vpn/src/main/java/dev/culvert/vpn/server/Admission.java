package dev.culvert.vpn.server;

import dev.culvert.core.graph.DropReason;
import java.net.InetSocketAddress;

/**
 * What the data plane asks of the server's control side when a packet needs a client: a new
 * client for a peer that passed pre-authentication, or a control packet for a known one. Called
 * on a worker; implementations only queue work and never block.
 */
interface Admission {
    /**
     * Creates the client for a peer that proved its address (UDP: the HMAC cookie; TCP: the
     * connection) and queues {@code firstPacket} for its new session.
     *
     * @param ownSessionId the session id the stateless reply gave ourselves, or 0 for a fresh session (TCP)
     * @return null if admitted, else the counted reason it was not
     */
    DropReason admit(int listener, int handle, boolean tcp, int worker, InetSocketAddress source, long clientSessionId,
                     long ownSessionId, byte[] firstPacket);

    /**
     * A new session from {@code old}'s address passed the gate and was admitted (it holds the
     * address now): the old client is removed on its strand. Never called for a refused newcomer.
     */
    void replaced(ServerClient old);

    /** Queues a control packet for a known client; false if its backlog is full. */
    boolean control(ServerClient client, byte[] packet);
}
