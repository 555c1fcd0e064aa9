package dev.culvert.vpn.management;

import java.util.List;

/**
 * What the management interface reads from any node, server or client. What only one role has
 * comes through {@link ServerTarget} or {@link ClientTarget}; a command the node's role lacks is
 * answered as 2.6 answers it in that mode. Called from the interface's own threads.
 */
public interface ManagementTarget {
    /** The daemon's title for {@code version}, as 2.6's title string: it starts with "OpenVPN 2.6". */
    String title();

    /** The status report in 2.6's format {@code version} (1, 2 or 3), one line per element, without {@code END}. */
    List<String> status(int version);

    /** {@code load-stats}: connected clients and the bytes of the whole node. */
    LoadStats loadStats();

    /** The real-time lines {@code bytecount N} asks for: a client's {@code >BYTECOUNT:}, a server's {@code >BYTECOUNT_CLI:} per client. */
    List<String> bytecount();

    /** The node's counters. */
    record LoadStats(int clients, long bytesIn, long bytesOut) {
    }
}
