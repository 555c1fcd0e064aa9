package dev.culvert.vpn.loadgen;

import dev.culvert.vpn.session.SessionSettings;
import java.net.InetSocketAddress;

/**
 * What every client of a run shares: its session settings (made once from the client
 * configuration), the server, the connect time allowed, the slack a keepalive may be late by, and
 * where the figures go.
 */
record RunContext(SessionSettings settings, InetSocketAddress server, long connectTimeoutNanos, long lateSlackNanos,
                  ConnectTally connects, GapTally keepalives, IdleWindow window) {
}
