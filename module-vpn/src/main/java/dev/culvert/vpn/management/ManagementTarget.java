package dev.culvert.vpn.management;

import java.util.List;

/** What the management interface reads from a node and asks of it. Called from the interface's own thread. */
public interface ManagementTarget {
    /** The daemon's title for {@code version}, as 2.6's title string: it starts with "OpenVPN 2.6". */
    String title();

    /** The status report in 2.6's format {@code version} (1, 2 or 3), one line per element, without {@code END}. */
    List<String> status(int version);

    /** Each connected client's id and its bytes received from and sent to it, for {@code >BYTECOUNT_CLI}. */
    List<ClientBytes> clientBytes();

    /**
     * Disconnects the clients {@code argument} names: a common name, or a real address as
     * {@code IP:port} (optionally {@code udp:}/{@code tcp:} in front), telling each to reconnect.
     * Returns 2.6's answer line ({@code SUCCESS: …} or {@code ERROR: …}).
     */
    String kill(String argument);

    /**
     * {@code client-kill CID [MESSAGE]}: disconnects the client with this id, telling it
     * {@code MESSAGE} (2.6's default {@code RESTART}, or {@code HALT}). Returns 2.6's answer line.
     */
    String killClient(long clientId, String message);

    /** {@code load-stats}: connected clients and the bytes of the whole node. */
    LoadStats loadStats();

    /** A client's counters. */
    record ClientBytes(long clientId, long bytesIn, long bytesOut) {
    }

    /** The node's counters. */
    record LoadStats(int clients, long bytesIn, long bytesOut) {
    }
}
