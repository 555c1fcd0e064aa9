package dev.culvert.vpn.config;

import dev.culvert.vpn.keys.OccOptionsString;

/**
 * One server a client may connect to: a {@code remote} line, or a {@code <connection>} block
 * (2.6's connection entry), with the per-entry options 2.6 keeps in it.
 *
 * @param host                   a name or an address literal, resolved on each attempt
 * @param port                   the server's port
 * @param transport              UDP or TCP
 * @param family                 4 or 6 when the protocol names one ({@code udp4}, {@code tcp6-client}), else 0 (either)
 * @param connectRetrySeconds    the pause before an attempt after a failed one ({@code connect-retry N}, 2.6's default 1)
 * @param connectRetryMaxSeconds the longest that pause grows to by backing off ({@code connect-retry N MAX}, default 300)
 * @param serverPollSeconds      how long an attempt waits for the server's first packet before the next entry
 *                               ({@code server-poll-timeout}/{@code connect-timeout}, default 120)
 * @param where                  the line it came from, for logs
 */
public record RemoteEntry(String host, int port, OccOptionsString.Transport transport, int family, int connectRetrySeconds,
                          int connectRetryMaxSeconds, int serverPollSeconds, String where) {
    public static final int DEFAULT_CONNECT_RETRY = 1;
    public static final int DEFAULT_CONNECT_RETRY_MAX = 300;
    public static final int DEFAULT_SERVER_POLL = 120;

    public boolean tcp() {
        return transport == OccOptionsString.Transport.TCP;
    }

    @Override
    public String toString() {
        return host + ":" + port + " (" + (tcp() ? "tcp" : "udp") + (family == 0 ? "" : Integer.toString(family)) + ")";
    }
}
