package dev.culvert.vpn.session;

import dev.culvert.vpn.data.DataChannel;
import dev.culvert.vpn.data.KeyContext;
import java.util.List;

/**
 * One published state of a session's data keys: the live key contexts by key id, the one that
 * seals, and the peer-ids. Immutable once published: the control side builds a new set for every
 * change and swaps it in atomically; the data side reads whichever set is current. The key
 * contexts themselves carry the per-key packet counter and replay window, which the data side
 * advances (one sealing thread and one opening thread at a time).
 */
public final class DataKeySet {
    /** No keys yet: everything is refused as an unknown key. */
    public static final DataKeySet EMPTY = new DataKeySet(List.of(), -1, -1);

    private final DataChannel channel = new DataChannel();
    private final List<KeyContext> keys;
    private final int primaryKeyId;
    private final int peerId;

    /**
     * @param keys         the live contexts (at most one per key id)
     * @param primaryKeyId the key id new packets are sealed with, or -1
     * @param peerId       the peer-id P_DATA_V2 carries both ways, or -1 for P_DATA_V1
     */
    public DataKeySet(List<KeyContext> keys, int primaryKeyId, int peerId) {
        this.keys = List.copyOf(keys);
        this.primaryKeyId = primaryKeyId;
        this.peerId = peerId;
        for (KeyContext k : this.keys) {
            channel.install(k);
        }
        if (primaryKeyId >= 0) {
            channel.makePrimary(primaryKeyId);
        }
        channel.sendPeerId(peerId);
    }

    /** The channel view for sealing and opening; never changed after construction. */
    DataChannel channel() {
        return channel;
    }

    public List<KeyContext> keys() {
        return keys;
    }

    /** The key new packets are sealed with, or {@code null}. */
    public KeyContext primary() {
        return channel.primary();
    }

    public int primaryKeyId() {
        return primaryKeyId;
    }

    public int peerId() {
        return peerId;
    }

    /** Whether {@code k} is among this set's keys. */
    boolean contains(KeyContext k) {
        for (KeyContext c : keys) {
            if (c == k) {
                return true;
            }
        }
        return false;
    }
}
