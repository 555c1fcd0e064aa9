package dev.culvert.vpn.server;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.graph.Emitter;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.RemoteAddress;
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
 * that client only once it is admitted, so a refused newcomer leaves the old session in place. A
 * UDP sender's address is learned by the transport (it gets a handle) only at that moment: until
 * then its packets carry {@link Transport#UNKNOWN_PEER} and their source address, the gate checks
 * the cookie against that address and a reset is answered to it, so strangers leave nothing behind.
 *
 * <p>A UDP client's data packets are opened by the worker that owns it: one that arrives on
 * another worker is handed over ({@link OwnerWorkers}). A P_DATA_V2 whose peer-id names a UDP
 * client but which comes from another address may be that client floating: it is opened with the
 * client's keys as a {@link FloatCandidate}, and the client moves only if it opens. TCP clients
 * never float.
 */
final class ListenerPeers implements PeerDirectory {
    private static final System.Logger LOG = System.getLogger(ListenerPeers.class.getName());
    private static final int MAX_CONTROL = 2048;

    private final int listener;
    private final boolean tcp;
    private final ClientTable clients;
    private final PreAuthGate gate;
    private final Admission admission;
    private final OwnerWorkers owners;
    private final FloatCandidate candidate;
    /** Peers are 2.6 point-to-point sessions (a mesh's): their peer-ids are theirs, so data packets are matched by address. */
    private final boolean pointToPointPeerIds;
    private final byte[] wire = new byte[MAX_CONTROL];
    private final byte[] reply = new byte[PreAuthGate.MAX_REPLY_LENGTH];
    private final MetadataVerdicts metadataVerdicts;
    /** A stream peer's address, which its packets do not carry. */
    private final RemoteAddress streamSource = RemoteAddress.holder();

    ListenerPeers(int listener, boolean tcp, ClientTable clients, PreAuthGate gate, Admission admission, OwnerWorkers owners,
                  Floating floating) {
        this(listener, tcp, clients, gate, admission, owners, floating, false);
    }

    ListenerPeers(int listener, boolean tcp, ClientTable clients, PreAuthGate gate, Admission admission, OwnerWorkers owners,
                  Floating floating, boolean pointToPointPeerIds) {
        this(listener, tcp, clients, gate, admission, owners, floating, pointToPointPeerIds, null);
    }

    /** @param metadataVerdicts tls-crypt-v2-verify's verdicts, asked before a newcomer becomes a client; null without the script */
    ListenerPeers(int listener, boolean tcp, ClientTable clients, PreAuthGate gate, Admission admission, OwnerWorkers owners,
                  Floating floating, boolean pointToPointPeerIds, MetadataVerdicts metadataVerdicts) {
        this.metadataVerdicts = metadataVerdicts;
        this.pointToPointPeerIds = pointToPointPeerIds;
        this.listener = listener;
        this.tcp = tcp;
        this.clients = clients;
        this.gate = gate;
        this.admission = admission;
        this.owners = owners;
        this.candidate = new FloatCandidate(floating);
    }

    @Override
    public void control(Packet packet, long now, Emitter out) {
        int handle = currentHandle(packet, out);
        ServerClient client = knownClient(handle);
        if (client == null || fromAnotherSession(packet, client)) {
            // A stranger, or a known address that started a new session (the client
            // restarted): either way the gate decides, and the old client stays until
            // the new session proves itself.
            gate(packet, handle, client, now, out);
        } else {
            toClient(packet, client, out);
        }
    }

    /** A known client's control packet goes to its control strand. */
    private void toClient(Packet packet, ServerClient client, Emitter out) {
        if (admission.control(client, packet.toByteArray())) {
            out.consume(packet);
            packet.release();
        } else {
            out.drop(packet, TunnelDrops.CONTROL_BACKLOG);
        }
    }

    @Override
    public void malformed(Packet packet, DropReason why, Emitter out) {
        out.drop(packet, why);
    }

    @Override
    public TunnelPeer sender(DataPacketView view, Packet packet, Emitter out) {
        int handle = currentHandle(packet, out);
        ServerClient client;
        boolean floating = false;
        if (view.hasPeerId() && !pointToPointPeerIds) {
            client = clients.byIndex(view.peerId());
            if (client != null && (client.listener != listener || client.handle != handle)) {
                if (tcp || client.tcp || client.listener != listener) {
                    out.drop(packet, ServerDrops.PEER_ID_ELSEWHERE);
                    return null;
                }
                floating = true;
            }
        } else {
            client = knownClient(handle);
        }
        if (client == null) {
            out.drop(packet, ServerDrops.NO_CLIENT);
            return null;
        }
        if (!tcp && client.owner != out.worker().index()) {
            out.consume(packet);
            if (!owners.openOnOwner(client.owner, listener, packet)) {
                out.refused(packet, ServerDrops.OWNER_INBOX_FULL);
            }
            return null;
        }
        if (floating) {
            Transport transport = out.worker().transportOrNull(listener);
            if (transport == null) {
                out.drop(packet, ServerDrops.NO_TRANSPORT);
                return null;
            }
            return candidate.bind(client, packet, transport);
        }
        return client;
    }

    /**
     * The sender's handle now: a datagram read in the same batch as the packet that got its
     * sender learned arrived as from an unknown peer, and is from a known one by now.
     */
    private int currentHandle(Packet packet, Emitter out) {
        if (packet.remote() == Transport.UNKNOWN_PEER) {
            Transport transport = out.worker().transportOrNull(listener);
            if (transport != null) {
                packet.setRemote(transport.knownHandleOf(packet.remoteAddress()));
            }
        }
        return packet.remote();
    }

    /** The client at a known peer's endpoint; a datagram from an unknown peer has none. */
    private ServerClient knownClient(int handle) {
        return handle == Transport.UNKNOWN_PEER ? null : clients.byEndpoint(listener, handle);
    }

    /**
     * A control packet whose session id is not the client's comes from a new session at its address.
     * A session this node opened (a mesh peer it initiates to) learns its peer's id from the answer:
     * until then, and after, that session itself checks the id.
     */
    private static boolean fromAnotherSession(Packet packet, ServerClient client) {
        return client.peerSessionId != ServerClient.OPENED_HERE && packet.length() >= 1 + SessionId.LENGTH
                && SessionId.senderOf(packet) != client.peerSessionId;
    }

    private void gate(Packet packet, int handle, ServerClient existing, long now, Emitter out) {
        int length = packet.length();
        if (length > MAX_CONTROL) {
            out.drop(packet, ServerDrops.OVERSIZED_CONTROL);
            return;
        }
        WorkerContext worker = out.worker();
        Transport transport = worker.transportOrNull(listener);
        RemoteAddress source = transport == null ? null : sourceOf(packet, handle, transport);
        if (source == null) {
            out.drop(packet, ServerDrops.NO_TRANSPORT);
            return;
        }
        packet.getBytes(0, wire, 0, length);
        long epochSeconds = System.currentTimeMillis() / 1000;
        Verdict verdict = gate.checkFrom(wire, 0, length, source, epochSeconds, now, reply);
        switch (verdict.kind()) {
            case RESET_ANSWERED -> {
                packet.setContents(reply, 0, verdict.replyLength());
                // A stranger is answered at the address it wrote from, without becoming a peer.
                try {
                    if (handle == Transport.UNKNOWN_PEER ? transport.sendBack(packet) : transport.send(packet, handle)) {
                        out.consume(packet);
                    } else {
                        out.drop(packet, ServerDrops.SEND_REFUSED);
                    }
                } catch (IOException e) {
                    out.drop(packet, ServerDrops.SEND_REFUSED);
                }
            }
            case VERIFIED, NEW_SESSION -> {
                if (metadataVerdicts == null) {
                    admit(packet, handle, existing, source, verdict, transport, out);
                } else {
                    askScript(packet, handle, source, verdict, out);
                }
            }
            case DROP -> out.drop(packet, verdict.reason());
        }
    }

    /** The packet passed the gate: its sender becomes a peer of the transport, and a client. */
    private void admit(Packet packet, int handle, ServerClient existing, RemoteAddress source, Verdict verdict, Transport transport,
                       Emitter out) {
        DropReason refused = admitFirst(packet.toByteArray(), handle, existing, source, verdict.clientSessionId(),
                verdict.kind() == Verdict.Kind.VERIFIED ? verdict.ownSessionId() : 0, transport, out.worker().index());
        if (refused == null) {
            out.consume(packet);
            packet.release();
        } else {
            out.drop(packet, refused);
        }
    }

    /** Makes the client whose session {@code first} opens; null when made, else why not. On this listener's worker. */
    private DropReason admitFirst(byte[] first, int handle, ServerClient existing, RemoteAddress source, long clientSessionId,
                                  long ownSessionId, Transport transport, int worker) {
        boolean learned = handle == Transport.UNKNOWN_PEER;
        int peer = learned ? transport.handleOf(source) : handle;
        if (peer < 0) {
            return ServerDrops.PEER_TABLE_FULL;
        }
        DropReason refused = admission.admit(listener, peer, tcp, worker, transport.addressOf(peer), clientSessionId, ownSessionId, first);
        if (refused == null) {
            if (existing != null) {
                // Only now: a refused newcomer (connect-freq, max-clients) leaves the old session be, as 2.6 does.
                admission.replaced(existing);
            }
        } else {
            closeRefused(transport, peer, existing);
            if (learned) {
                transport.forget(peer); // learned for this admission alone: nothing else refers to it
            }
        }
        return refused;
    }

    /**
     * tls-crypt-v2-verify: the newcomer's key metadata goes to the script, and the client is made
     * only once it said yes, back on this worker, as if the packet had just passed the gate. Until
     * then nothing is kept for it here but the packet in {@link MetadataVerdicts}' bounded table.
     */
    private void askScript(Packet packet, int handle, RemoteAddress source, Verdict verdict, Emitter out) {
        byte[] metadata = gate.clientKeyMetadata(wire, 0, packet.length());
        if (metadata == null) {
            out.drop(packet, MetadataVerdicts.NO_METADATA);
            return;
        }
        byte[] first = packet.toByteArray();
        // The address exactly as the transport filled it: the client is learned by it later.
        RemoteAddress kept = RemoteAddress.holder();
        kept.copyFrom(source);
        InetSocketAddress from = source.toInetSocketAddress();
        long clientSessionId = verdict.clientSessionId();
        long ownSessionId = verdict.kind() == Verdict.Kind.VERIFIED ? verdict.ownSessionId() : 0;
        WorkerContext worker = out.worker();
        DropReason notAsked = metadataVerdicts.ask(from, clientSessionId, metadata, () -> owners.post(worker.index(),
                () -> admitVerified(first, handle, kept, clientSessionId, ownSessionId, worker)));
        java.util.Arrays.fill(metadata, (byte) 0);
        if (notAsked != null) {
            out.drop(packet, notAsked);
        } else {
            out.consume(packet);
            packet.release();
        }
    }

    /** The script said yes: the newcomer becomes a client now, on this worker; a refusal only leaves a log line. */
    private void admitVerified(byte[] first, int handle, RemoteAddress source, long clientSessionId, long ownSessionId, WorkerContext worker) {
        Transport transport = worker.transportOrNull(listener);
        if (transport == null) {
            return;
        }
        ServerClient existing = knownClient(handle);
        if (existing != null && existing.peerSessionId == clientSessionId) {
            return; // admitted meanwhile (not expected: the table allowed one question per session)
        }
        DropReason refused = admitFirst(first, handle, existing, source, clientSessionId, ownSessionId, transport, worker.index());
        if (refused != null) {
            LOG.log(System.Logger.Level.INFO, "tls-crypt-v2 client " + RealAddress.format(source.toInetSocketAddress()) + " passed tls-crypt-v2-verify but was"
                    + " not admitted: " + refused.name());
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

    /** Where the packet came from: a datagram carries its source; a stream peer's is its connection's. */
    private RemoteAddress sourceOf(Packet packet, int handle, Transport transport) {
        if (packet.remoteAddress().isSet()) {
            return packet.remoteAddress();
        }
        InetSocketAddress connection = handle == Transport.UNKNOWN_PEER ? null : transport.addressOf(handle);
        if (connection == null) {
            return null;
        }
        streamSource.set(connection);
        return streamSource;
    }
}
