package dev.culvert.vpn.control;

import dev.culvert.core.graph.DropReason;
import dev.culvert.vpn.wire.ControlPacket;
import dev.culvert.vpn.wire.ControlPacketView;
import dev.culvert.vpn.wire.ControlPacketWriter;
import dev.culvert.vpn.wire.Opcode;
import dev.culvert.vpn.wire.SessionId;
import java.util.Arrays;

/**
 * One key state's control channel between the wrapping and TLS: the reliability layer both ways,
 * the ACKs owed, and the TLS byte stream cut into control packets on the way out and reassembled
 * from in-order payloads on the way in. No I/O and no clock: the caller passes packets and the time
 * in, and asks {@link #poll} what to send.
 *
 * <p>Every control packet this side sends fits in {@code maxPacketSize} bytes on the wire once
 * wrapped (2.6 keeps them within {@code --tls-mtu}, default 1250).
 */
public final class ControlChannel {
    /** Keeps every control packet within 2.6's default {@code --tls-mtu}. */
    public static final int DEFAULT_MAX_PACKET = 1250;
    /** 2.6's CONTROL_SEND_ACK_MAX: ACKs piggy-backed on a packet that carries a message. */
    public static final int PIGGYBACK_ACKS = 4;
    /** Bytes of TLS stream held each way; TLS flights are far smaller. */
    public static final int DEFAULT_STREAM_CAPACITY = 64 * 1024;

    private final SessionId own;
    private final int keyId;
    private final int maxPayload;
    private final ReliableSend send;
    private final ReliableReceive receive;
    private final AckQueue acks = new AckQueue();
    private final ByteQueue outbound;
    private final ByteQueue inbound;
    private final long[] ackScratch = new long[AckQueue.CAPACITY];
    private SessionId peer;
    private Opcode firstReceivedOpcode;

    /**
     * @param maxPacketSize wire bytes a control packet may take, wrapping included
     * @param wrapOverhead  what the {@link ControlWrap} adds ({@link ControlWrap#overhead()})
     */
    public ControlChannel(SessionId own, int keyId, int maxPacketSize, int wrapOverhead, ReliableSend send,
                          ReliableReceive receive, int streamCapacity) {
        this.own = own;
        this.keyId = Opcode.keyIdOf(Opcode.CONTROL_V1.byte0(keyId));
        this.maxPayload = maxPacketSize - wrapOverhead - ControlPacketWriter.headerLength(Opcode.CONTROL_V1, PIGGYBACK_ACKS);
        int ackOnly = wrapOverhead + ControlPacketWriter.headerLength(Opcode.ACK_V1, AckQueue.CAPACITY);
        if (maxPayload < 1 || ackOnly > maxPacketSize) {
            throw new IllegalArgumentException("a control packet of at most " + maxPacketSize + " bytes leaves no room"
                    + " for payload after " + wrapOverhead + " bytes of wrapping");
        }
        this.send = send;
        this.receive = receive;
        this.outbound = new ByteQueue(streamCapacity);
        this.inbound = new ByteQueue(streamCapacity);
    }

    /** A channel with 2.6's windows and the given limits. */
    public static ControlChannel create(SessionId own, int keyId, int maxPacketSize, int wrapOverhead, long tlsTimeoutNanos) {
        return new ControlChannel(own, keyId, maxPacketSize, wrapOverhead,
                new ReliableSend(ReliableSend.DEFAULT_WINDOW, tlsTimeoutNanos), new ReliableReceive(),
                DEFAULT_STREAM_CAPACITY);
    }

    /** Fixes the peer's session id (known from its hard reset); otherwise the first packet sets it. */
    public void expectPeer(SessionId peerSessionId) {
        this.peer = peerSessionId;
    }

    /**
     * Starts the channel as if message 0 had already gone both ways and been acknowledged: the
     * peer's {@code peerReset} (from {@code peerSessionId}) delivered, and our reset sent and ACKed.
     * Next sent is message 1, next expected message 1. A server that answered the client's hard
     * reset statelessly (2.6's HMAC cookie, openvpn.md §5.5) makes its channel so.
     *
     * @throws IllegalStateException if anything was sent or received already
     */
    public void resumeAfterResets(SessionId peerSessionId, Opcode peerReset) {
        if (firstReceivedOpcode != null || !idle() || send.nextId() != 0 || receive.nextExpected() != 0) {
            throw new IllegalStateException("the channel already carried messages");
        }
        send.startAt(1);
        receive.startAt(1);
        peer = peerSessionId;
        firstReceivedOpcode = peerReset;
    }

    public SessionId peer() {
        return peer;
    }

    /**
     * Queues a message without payload: the hard reset (id 0 of the first key state) or the soft reset
     * (id 0 of a renegotiation).
     *
     * @return the message id, or -1 if the send window is full
     */
    public long sendEmpty(Opcode opcode) {
        if (!send.canEnqueue()) {
            return -1;
        }
        return send.enqueue(opcode, new byte[0]);
    }

    /** Queues TLS bytes for sending; returns how many fitted in the outbound stream buffer. */
    public int writeTls(byte[] src, int off, int len) {
        return outbound.write(src, off, len);
    }

    /** Reads reassembled TLS bytes, in order; returns how many. */
    public int readTls(byte[] dst, int off, int len) {
        int n = inbound.read(dst, off, len);
        deliver();
        return n;
    }

    public int tlsAvailable() {
        return inbound.size();
    }

    /** Opcode of the peer's message 0 (its hard or soft reset) once delivered, else null. */
    public Opcode firstReceivedOpcode() {
        return firstReceivedOpcode;
    }

    /** TLS bytes waiting to be cut into packets, plus messages not yet acknowledged. */
    public boolean idle() {
        return outbound.size() == 0 && send.inFlight() == 0 && !acks.hasPending();
    }

    /** Whether every byte queued for sending went out and was acknowledged (ACKs owed to the peer aside). */
    public boolean allAcknowledged() {
        return outbound.size() == 0 && send.inFlight() == 0;
    }

    /**
     * Takes in a parsed plain control packet (after the wrapping was removed).
     *
     * @return null if taken (even if it only carried ACKs), else why it was dropped
     */
    public DropReason receive(ControlPacketView packet, long nowNanos) {
        if (packet.keyId() != keyId) {
            return ReliableDrops.WRONG_KEY_ID;
        }
        if (peer != null && packet.sessionId() != peer.value()) {
            return ReliableDrops.WRONG_SESSION;
        }
        if (packet.ackCount() > 0 && packet.peerSessionId() != own.value()) {
            return ReliableDrops.ACK_FOR_OTHER_SESSION;
        }
        if (peer == null) {
            peer = new SessionId(packet.sessionId());
        }
        for (int i = 0; i < packet.ackCount(); i++) {
            send.acknowledge(packet.ack(i));
        }
        if (packet.opcode() == Opcode.ACK_V1) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(packet.buffer(), packet.payloadOffset(),
                packet.payloadOffset() + packet.payloadLength());
        ReliableReceive.Verdict verdict = receive.offer(packet.messageId(), packet.opcode(), payload);
        if (verdict.mustAck()) {
            acks.acknowledge(packet.messageId());
        }
        deliver();
        return switch (verdict) {
            case ACCEPTED -> null;
            case DUPLICATE -> ReliableDrops.DUPLICATE;
            case OUT_OF_WINDOW -> ReliableDrops.OUT_OF_WINDOW;
        };
    }

    /**
     * The next packet to put on the wire now, or null: a due (re)transmission with up to 4 ACKs on
     * board, else, if ACKs are owed, a P_ACK_V1 with up to 8.
     */
    public ControlPacket poll(long nowNanos) {
        cutOutbound();
        ReliableSend.Entry due = send.due(nowNanos);
        if (due != null) {
            int n = peer == null ? 0 : acks.take(ackScratch, PIGGYBACK_ACKS);
            ControlPacket p = new ControlPacket(due.opcode(), keyId, own, Arrays.copyOf(ackScratch, n), n > 0 ? peer : null,
                    due.id(), due.payload());
            send.sent(due, nowNanos);
            return p;
        }
        if (acks.hasPending() && peer != null) {
            int n = acks.take(ackScratch, AckQueue.CAPACITY);
            return new ControlPacket(Opcode.ACK_V1, keyId, own, Arrays.copyOf(ackScratch, n), peer, -1, new byte[0]);
        }
        return null;
    }

    /** When to call {@link #poll} next, at the latest; Long.MAX_VALUE if only a new packet or write can wake it. */
    public long nextWakeNanos(long nowNanos) {
        cutOutbound();
        if (acks.hasPending() && peer != null) {
            return nowNanos;
        }
        return send.nextDeadline(nowNanos);
    }

    /**
     * Where the channel stands, in one line for a diagnostic: what it sent and still awaits an ACK
     * for, what it expects next and what it owes. It holds no payload bytes.
     */
    public String progress() {
        return "next to send " + send.nextId() + ", " + send.inFlight() + " unacknowledged, " + outbound.size()
                + " B to cut; next expected " + receive.nextExpected() + ", " + inbound.size() + " B unread"
                + (acks.hasPending() ? ", ACKs owed" : "");
    }

    /** The most TLS bytes one control packet of this channel carries. */
    public int maxPayload() {
        return maxPayload;
    }

    private void cutOutbound() {
        while (outbound.size() > 0 && send.canEnqueue()) {
            byte[] chunk = new byte[Math.min(maxPayload, outbound.size())];
            outbound.read(chunk, 0, chunk.length);
            send.enqueue(Opcode.CONTROL_V1, chunk);
        }
    }

    private void deliver() {
        while (receive.hasNext() && receive.peekPayload().length <= inbound.free()) {
            Opcode op = receive.peekOpcode();
            byte[] payload = receive.take();
            if (firstReceivedOpcode == null) {
                firstReceivedOpcode = op;
            }
            // A reset's payload is never TLS: 2.6 servers put early-negotiation TLVs there (the
            // wrapping reads them), and 2.6 ignores what a client's reset carries.
            if (!op.isReset()) {
                inbound.write(payload, 0, payload.length);
            }
        }
    }
}
