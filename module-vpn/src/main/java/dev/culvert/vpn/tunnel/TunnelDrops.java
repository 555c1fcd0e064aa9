package dev.culvert.vpn.tunnel;

import dev.culvert.core.graph.DropReason;

/** Why a tunnel's seal or open node dropped a packet, the same for a client and a server. */
public final class TunnelDrops {
    /** An empty datagram or frame from the network. */
    public static final DropReason EMPTY = DropReason.of("vpn.tunnel.empty");
    /** An inside packet for no peer (the peer left, or never was). */
    public static final DropReason NO_PEER = DropReason.of("vpn.tunnel.no-peer");
    /** The peer has no data keys yet, or no more. */
    public static final DropReason NO_KEYS = DropReason.of("vpn.tunnel.no-keys");
    /** The peer's control queue is full. */
    public static final DropReason CONTROL_BACKLOG = DropReason.of("vpn.tunnel.control-backlog");

    private TunnelDrops() {
    }
}
