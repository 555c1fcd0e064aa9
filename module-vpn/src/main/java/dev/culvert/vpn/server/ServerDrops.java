package dev.culvert.vpn.server;

import dev.culvert.core.graph.DropReason;

/** Why the server runtime dropped a packet; each is a counted reason in the node counters. */
final class ServerDrops {
    private ServerDrops() {
    }

    /** A data packet from an endpoint or peer-id with no client. */
    static final DropReason NO_CLIENT = DropReason.refusal("vpn.server.no-client", "a data packet from an address or peer id that is no client of this server");
    /** A P_DATA_V2 whose peer-id belongs to a client that cannot float here: a TCP client, or one on another listener. */
    static final DropReason PEER_ID_ELSEWHERE = DropReason.refusal("vpn.server.peer-id-elsewhere", "a data packet whose peer id is a client that cannot float to this address");
    /** A sender passed pre-authentication but its listener's peer table is full. */
    static final DropReason PEER_TABLE_FULL = DropReason.of("vpn.server.peer-table-full");
    /** The worker that owns the packet's client could not take it to open (its inbox is full). */
    static final DropReason OWNER_INBOX_FULL = DropReason.of("vpn.server.owner-inbox-full");
    /** A control packet longer than any OpenVPN sends. */
    static final DropReason OVERSIZED_CONTROL = DropReason.of("vpn.server.oversized-control");
    /** A new client was refused by connect-freq. */
    static final DropReason CONNECT_FREQ = DropReason.refusal("preauth.connect-freq", "new sessions are over connect-freq");
    /** A new client was refused because max-clients are connected. */
    static final DropReason MAX_CLIENTS = DropReason.refusal("vpn.server.max-clients", "max-clients are connected");
    /** No router is bound in the route slot: install module-routing. */
    static final DropReason NO_ROUTER = DropReason.of("vpn.server.no-router");
    /** The router sent a packet from the TUN back to the TUN. */
    static final DropReason ROUTE_LOOP = DropReason.of("vpn.server.route-loop");
    /** A packet no L3 check passed: it carries no version and addresses to route by ({@code Packet.inside()}). */
    static final DropReason NOT_ROUTABLE = DropReason.of("vpn.server.not-routable");
    /** The listener's transport is not on this worker. */
    static final DropReason NO_TRANSPORT = DropReason.of("vpn.server.no-transport");
    /** The transport refused the packet (a full TCP queue, a forgotten peer). */
    static final DropReason SEND_REFUSED = DropReason.of("vpn.server.send-refused");
}
