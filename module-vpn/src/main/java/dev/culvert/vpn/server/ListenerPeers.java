package dev.culvert.vpn.server;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.graph.WorkerContext;
import dev.culvert.spi.transport.Transport;
import dev.culvert.vpn.preauth.PreAuthGate;
import dev.culvert.vpn.preauth.Verdict;
import dev.culvert.vpn.tunnel.OpenNode;
import dev.culvert.vpn.tunnel.PeerDirectory;
import dev.culvert.vpn.tunnel.TunnelDrops;
import dev.culvert.vpn.tunnel.TunnelPeer;
import dev.culvert.vpn.wire.DataPacketView;
import dev.culvert.vpn.wire.SessionId;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Who sent what arrives on one listener's socket on one worker, for the {@link OpenNode} there. A
 * data packet's client is found by its peer id (P_DATA_V2) or its address (P_DATA_V1). A control
 * packet of a known client goes to that client's control strand. A packet from an unknown peer
 * meets the {@link PreAuthGate} first, here on the worker and without state: a UDP reset is
 * answered at once with the HMAC cookie, and only a peer that echoes a valid cookie (or, on TCP,
 * opens with a valid reset) becomes a client; a new session from a client's address replaces
 * that client only once it is admitted, so a refused newcomer leaves the old session in place. An unknown UDP peer's address is forgotten again as soon as its packet
 * is handled, so spoofed sources leave nothing behind.
 */
final class ListenerPeers implements PeerDirectory {
    private static final int MAX_CONTROL = 2048;

    private final int listener;
    private final boolean tcp;
    private final ClientTable clients;
    private final PreAuthGate gate;
    private final Admission admission;
    private final byte[] wire = new byte[MAX_CONTROL];
    private final byte[] reply = new byte[PreAuthGate.MAX_REPLY_LENGTH];

    ListenerPeers(int listener, boolean tcp, ClientTable clients, PreAuthGate gate, Admission admission) {
        this.listener = listener;
        this.tcp = tcp;
        this.clients = clients;
        this.gate = gate;
        this.admission = admission;
    }

    @Override
    public void control(Packet packet, long now, Emitter out) {
        int handle = packet.remote();
        ServerClient client = clients.byEndpoint(listener, handle);
        if (client == null || fromAnotherSession(packet, client)) {
            // A stranger, or a known address that started a new session (the client
            // restarted): either way the gate decides, and the old client stays until
            // the new session proves itself.
            gate(packet, handle, client, now, out);
        } else if (admission.control(client, packet.toByteArray())) {
            out.consume(packet);
            packet.release();
        } else {
            out.drop(packet, TunnelDrops.CONTROL_BACKLOG);
        }
    }

    @Override
    public void malformed(Packet packet, DropReason why, Emitter out) {
        int handle = packet.remote();
        out.drop(packet, why);
        forgetUnknown(handle, out);
    }

    @Override
    public TunnelPeer sender(DataPacketView view, Packet packet, Emitter out) {
        int handle = packet.remote();
        ServerClient client;
        if (view.hasPeerId()) {
            client = clients.byIndex(view.peerId());
            if (client != null && (client.listener != listener || client.handle != handle)) {
                out.drop(packet, ServerDrops.PEER_ID_ELSEWHERE);
                forgetUnknown(handle, out);
                return null;
            }
        } else {
            client = clients.byEndpoint(listener, handle);
        }
        if (client == null) {
            out.drop(packet, ServerDrops.NO_CLIENT);
            forgetUnknown(handle, out);
        }
        return client;
    }

    /** A control packet whose session id is not the client's comes from a new session at its address. */
    private static boolean fromAnotherSession(Packet packet, ServerClient client) {
        return packet.length() >= 1 + SessionId.LENGTH && SessionId.senderOf(packet) != client.peerSessionId;
    }

    private void gate(Packet packet, int handle, ServerClient existing, long now, Emitter out) {
        int length = packet.length();
        if (length > MAX_CONTROL) {
            out.drop(packet, ServerDrops.OVERSIZED_CONTROL);
            forgetUnknown(handle, out);
            return;
        }
        WorkerContext worker = out.worker();
        Transport transport = worker.transportOrNull(listener);
        InetSocketAddress source = transport == null ? null : transport.addressOf(handle);
        if (source == null) {
            out.drop(packet, ServerDrops.NO_TRANSPORT);
            return;
        }
        packet.getBytes(0, wire, 0, length);
        long epochSeconds = System.currentTimeMillis() / 1000;
        Verdict verdict = gate.check(wire, 0, length, source, epochSeconds, now, reply);
        switch (verdict.kind()) {
            case RESET_ANSWERED -> {
                packet.setContents(reply, 0, verdict.replyLength());
                try {
                    if (transport.send(packet, handle)) {
                        out.consume(packet);
                    } else {
                        out.drop(packet, ServerDrops.SEND_REFUSED);
                    }
                } catch (IOException e) {
                    out.drop(packet, ServerDrops.SEND_REFUSED);
                }
                forgetUnknown(handle, out); // the reply's address was copied when it was queued
            }
            case VERIFIED, NEW_SESSION -> {
                DropReason refused = admission.admit(listener, handle, tcp, worker.index(), source, verdict.clientSessionId(),
                        verdict.kind() == Verdict.Kind.VERIFIED ? verdict.ownSessionId() : 0, packet.toByteArray());
                if (refused == null) {
                    if (existing != null) {
                        // Only now: a refused newcomer (connect-freq, max-clients) leaves the old session be, as 2.6 does.
                        admission.replaced(existing);
                    }
                    out.consume(packet);
                    packet.release();
                } else {
                    out.drop(packet, refused);
                    forgetUnknown(handle, out);
                    closeRefused(transport, handle, existing);
                }
            }
            case DROP -> {
                out.drop(packet, verdict.reason());
                forgetUnknown(handle, out);
            }
        }
    }

    /**
     * A TCP newcomer that was refused (max-clients, connect-freq) has its connection closed, as
     * 2.6 closes the instance, rather than left holding a connection slot; unless the connection
     * still carries an older session of the same client.
     */
    private void closeRefused(Transport transport, int handle, ServerClient existing) {
        if (tcp && existing == null) {
            transport.forget(handle);
        }
    }

    /** A UDP peer with no client leaves no entry in the listener's peer table. */
    private void forgetUnknown(int handle, Emitter out) {
        if (tcp || clients.byEndpoint(listener, handle) != null) {
            return;
        }
        Transport t = out.worker().transportOrNull(listener);
        if (t != null) {
            t.forget(handle);
        }
    }
}
