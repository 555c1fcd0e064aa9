package dev.culvert.vpn.management;

import java.util.ArrayList;
import java.util.List;

/** A server's side of the management interface: its clients, their byte counts, and disconnecting them. */
public interface ServerTarget extends ManagementTarget {
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

    @Override
    default List<String> bytecount() {
        List<String> lines = new ArrayList<>();
        for (ClientBytes c : clientBytes()) {
            lines.add(">BYTECOUNT_CLI:" + c.clientId() + "," + c.bytesIn() + "," + c.bytesOut());
        }
        return lines;
    }

    /** A client's counters. */
    record ClientBytes(long clientId, long bytesIn, long bytesOut) {
    }
}
