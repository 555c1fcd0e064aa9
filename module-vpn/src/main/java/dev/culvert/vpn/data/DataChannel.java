package dev.culvert.vpn.data;

import dev.culvert.core.graph.DropReason;
import dev.culvert.core.packet.Packet;
import dev.culvert.spi.aead.AeadProvider;
import java.security.GeneralSecurityException;

/**
 * The data channel of one peer: up to eight live keys by key id, the one new packets go out
 * with, and the peer-ids on the wire. {@link #open} checks, in this order, the opcode, that the
 * key id has a live key, the peer-id (P_DATA_V2, when one is expected), the lengths, the tag, and
 * only then the replay window, so a forged packet never moves the window.
 *
 * <p>Not thread-safe; the tunnel serialises a peer's packets.
 */
public final class DataChannel implements AutoCloseable {
    private final KeyContext[] keys = new KeyContext[DataOpcodes.KEY_ID_MASK + 1];
    private int primaryKeyId = -1;
    private int sendPeerId = -1;
    private int expectedPeerId = -1;

    /**
     * Sends P_DATA_V2 carrying {@code peerId} (0..0xFFFFFF), or P_DATA_V1 if negative: a client
     * uses the pushed peer-id, a server the id it assigned to this client.
     */
    public void sendPeerId(int peerId) {
        if (peerId > DataOpcodes.NO_PEER_ID) {
            throw new IllegalArgumentException("peer-id " + peerId);
        }
        this.sendPeerId = peerId < 0 ? -1 : peerId;
    }

    /**
     * Refuses P_DATA_V2 packets whose peer-id is not {@code peerId}; negative accepts any (a client
     * need not check the id its server sends). P_DATA_V1 carries none and is not checked.
     */
    public void expectPeerId(int peerId) {
        if (peerId > DataOpcodes.NO_PEER_ID) {
            throw new IllegalArgumentException("peer-id " + peerId);
        }
        this.expectedPeerId = peerId < 0 ? -1 : peerId;
    }

    /** Installs {@code context} under its key id, retiring whatever held that id before. */
    public void install(KeyContext context) {
        KeyContext old = keys[context.keyId()];
        if (old != null && old != context) {
            old.retire();
        }
        keys[context.keyId()] = context;
    }

    /** Makes {@code keyId}'s key the one new packets are sealed with. */
    public void makePrimary(int keyId) {
        if (keys[keyId] == null) {
            throw new IllegalStateException("no key with id " + keyId);
        }
        primaryKeyId = keyId;
    }

    /** Retires and forgets the key with {@code keyId} (a lame-duck key at the end of its grace). */
    public void retire(int keyId) {
        KeyContext old = keys[keyId];
        if (old != null) {
            old.retire();
            keys[keyId] = null;
        }
        if (primaryKeyId == keyId) {
            primaryKeyId = -1;
        }
    }

    /** The key with {@code keyId}, or {@code null}. */
    public KeyContext key(int keyId) {
        return keys[keyId & DataOpcodes.KEY_ID_MASK];
    }

    /** The key new packets go out with, or {@code null} before keys are installed. */
    public KeyContext primary() {
        return primaryKeyId < 0 ? null : keys[primaryKeyId];
    }

    /** Whether the primary key asks for a renegotiation (its packet ids run low). */
    public boolean needsRenegotiation() {
        KeyContext k = primary();
        return k != null && k.needsRenegotiation();
    }

    /** Seals the payload in the packet's window with the primary key; {@code null} or why not. */
    public DropReason seal(Packet packet) {
        KeyContext k = primary();
        if (k == null) {
            return DataDrops.UNKNOWN_KEY;
        }
        return k.seal(packet, sendPeerId);
    }

    /**
     * Opens a received data packet in place. Returns {@code null} with the plaintext in the
     * window (classify it with {@link DataPayloads}), or why it was refused.
     */
    public DropReason open(Packet packet, long nowNanos) {
        if (packet.length() < 1) {
            return DataDrops.TRUNCATED;
        }
        int byte0 = packet.getUnsignedByte(0);
        int opcode = DataOpcodes.opcode(byte0);
        int header;
        if (opcode == DataOpcodes.P_DATA_V2) {
            header = DataOpcodes.V2_HEADER;
        } else if (opcode == DataOpcodes.P_DATA_V1) {
            header = DataOpcodes.V1_HEADER;
        } else {
            return DataDrops.NOT_DATA;
        }
        KeyContext k = keys[DataOpcodes.keyId(byte0)];
        if (k == null || k.isRetired()) {
            return DataDrops.UNKNOWN_KEY;
        }
        if (header == DataOpcodes.V2_HEADER) {
            if (packet.length() < DataOpcodes.V2_HEADER) {
                return DataDrops.TRUNCATED;
            }
            int peerId = packet.getInt(0) & DataOpcodes.NO_PEER_ID;
            if (expectedPeerId >= 0 && peerId != expectedPeerId) {
                return DataDrops.WRONG_PEER_ID;
            }
        }
        return k.open(packet, header, nowNanos);
    }

    /** Rebuilds every live key's AEAD contexts from {@code provider}; call between batches. */
    public void rebuild(AeadProvider provider) throws GeneralSecurityException {
        for (KeyContext k : keys) {
            if (k != null && !k.isRetired()) {
                k.rebuild(provider);
            }
        }
    }

    /** Retires every key. */
    @Override
    public void close() {
        for (int i = 0; i < keys.length; i++) {
            retire(i);
        }
    }
}
