package dev.culvert.vpn.server;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.RemoteAddress;
import dev.culvert.spi.transport.Transport;
import dev.culvert.vpn.session.DataPlane;
import dev.culvert.vpn.tunnel.TunnelPeer;

/**
 * A connected UDP client as the sender of a P_DATA_V2 that names it by peer-id but comes from
 * another address. The open node opens the packet with the client's keys and replay window as
 * usual; only if it opens ({@link #opened}) does the client move to the packet's address
 * ({@link Floating}). One per listener and worker, rebound for each such packet, so a flood of
 * forged ones allocates nothing.
 */
final class FloatCandidate implements TunnelPeer {
    private final Floating floating;
    private final RemoteAddress from = RemoteAddress.holder();
    private ServerClient client;
    private int handle;
    private Transport transport;

    FloatCandidate(Floating floating) {
        this.floating = floating;
    }

    /** Stands for {@code client} while {@code packet}, received on {@code transport}, is opened. */
    FloatCandidate bind(ServerClient client, Packet packet, Transport transport) {
        this.client = client;
        this.handle = packet.remote();
        this.from.copyFrom(packet.remoteAddress());
        this.transport = transport;
        return this;
    }

    @Override
    public DataPlane data() {
        return client.data;
    }

    /** The packet was authentic and new: the client floats to where it came from. */
    @Override
    public void opened(int bytes) {
        client.opened(bytes);
        floating.move(client, handle, from, transport);
    }

    @Override
    public void sealed(int bytes) {
        client.sealed(bytes);
    }

    @Override
    public void tagInside(Packet packet) {
        client.tagInside(packet);
    }

    @Override
    public void addressTo(Packet packet) {
        client.addressTo(packet);
    }
}
