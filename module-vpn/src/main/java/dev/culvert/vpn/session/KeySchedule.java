package dev.culvert.vpn.session;

import dev.culvert.vpn.data.KeyContext;
import dev.culvert.vpn.wire.Opcode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The key states of one session and their timers (2.6's {@code key_state} slots, openvpn.md §7):
 * at most one per key id; the primary, whose key seals; the installed key of a renegotiation,
 * which already opens but seals only once the peer is known to have it too (2.6's rule: a new key
 * seals from S_ACTIVE on, {@link #promoteIfEstablished}), so no packet goes out under a key the
 * peer cannot open yet; the lame duck, the previous primary, whose
 * key still opens packets until the next renegotiation replaces it or the transition window runs
 * out; and the retiring keys, which have left the published set but stay readable for a grace
 * time because a data-plane thread may still hold them, and are then retired (their bytes wiped).
 *
 * <p>Every change to the primary or the lame duck publishes a new {@link DataKeySet} to the data
 * side. Driven by the control thread only.
 */
final class KeySchedule {
    static final int MAX_KEY_STATES = 8;
    /** How long a key that left the published set stays readable for a data-plane thread still holding it. */
    static final long RETIRE_GRACE_NANOS = 2_000_000_000L;
    /** 2.6's {@code --tran-window} default: how long a lame duck outlives its replacement. */
    static final long TRANSITION_WINDOW_NANOS = 3600 * 1_000_000_000L;

    private final DataPlane data;
    private final KeyState[] states = new KeyState[MAX_KEY_STATES];
    private final List<KeyContext> retiring = new ArrayList<>();
    private final List<Long> retireAt = new ArrayList<>();
    private KeyState primary;
    /** A renegotiation's derived key that opens but does not seal yet, or null. */
    private KeyState installed;
    private KeyState lameDuck;
    private long lameDuckExpires;
    private int peerId = -1;

    KeySchedule(DataPlane data) {
        this.data = data;
    }

    KeyState get(int keyId) {
        return states[keyId];
    }

    /** Takes a new key state into its key id's slot, which must be free. */
    void add(KeyState ks) {
        if (states[ks.keyId] != null) {
            throw new IllegalStateException("key id " + ks.keyId + " is taken");
        }
        states[ks.keyId] = ks;
    }

    /** The key state whose peer certificates wait for the verifier's answer under {@code ticket}, or null. */
    KeyState verifying(long ticket) {
        for (KeyState ks : states) {
            if (ks != null && ticket != 0 && ks.verifyingTicket == ticket) {
                return ks;
            }
        }
        return null;
    }

    void forEach(Consumer<KeyState> action) {
        for (KeyState ks : states) {
            if (ks != null) {
                action.accept(ks);
            }
        }
    }

    /** The earliest time a key state's control channel needs a tick (a retransmission), at most {@code latest}. */
    long nextChannelWake(long nowNanos, long latest) {
        long wake = latest;
        for (KeyState ks : states) {
            if (ks != null) {
                wake = Math.min(wake, ks.channel.nextWakeNanos(nowNanos));
            }
        }
        return wake;
    }

    KeyState primary() {
        return primary;
    }

    /**
     * Whether nothing in the key schedule needs a look before its deadlines: no key negotiating,
     * none installed waiting for the peer to use it (found only by polling the data side), none
     * retiring, and every control channel idle.
     */
    boolean settled() {
        if (installed != null || !retiring.isEmpty()) {
            return false;
        }
        for (KeyState ks : states) {
            if (ks != null && (ks != primary && ks != lameDuck || !ks.channel.idle())) {
                return false;
            }
        }
        return true;
    }

    /** When the lame duck's transition window ends, at most {@code latest}. */
    long lameDuckDeadline(long latest) {
        return lameDuck == null ? latest : SessionContext.earlier(latest, lameDuckExpires);
    }

    KeyState lameDuck() {
        return lameDuck;
    }

    /** A renegotiation's key that opens but does not seal yet, or null. */
    KeyState installed() {
        return installed;
    }

    /**
     * The key state negotiating now, or null: one with no data key yet, or one whose key is
     * installed but does not seal yet (its renegotiation is not over until then).
     */
    KeyState negotiating() {
        for (KeyState ks : states) {
            if (ks != null && ks != primary && ks != lameDuck) {
                return ks;
            }
        }
        return null;
    }

    /** The key id a renegotiation after the primary uses: 1..7, then 1 again (0 is the first key's only). */
    int nextKeyId() {
        int next = ((primary == null ? 0 : primary.keyId) + 1) & Opcode.KEY_ID_MASK;
        return next == 0 ? 1 : next;
    }

    /** The peer-id the published sets carry (-1: P_DATA_V1). */
    void usePeerId(int id) {
        peerId = id;
    }

    /**
     * Makes {@code ks}, whose key is derived, the primary: the old primary becomes the lame duck
     * (retiring the lame duck before it) until {@link #TRANSITION_WINDOW_NANOS} from now.
     *
     * @return the primary it replaced, or null
     */
    KeyState promote(KeyState ks, long nowNanos) {
        if (!ks.active()) {
            throw new IllegalStateException("key id " + ks.keyId + " has no data key yet");
        }
        ks.activatedNanos = nowNanos;
        KeyState old = primary;
        if (old != null && old != ks) {
            if (lameDuck != null) {
                retire(lameDuck, nowNanos);
            }
            lameDuck = old;
            lameDuckExpires = nowNanos + TRANSITION_WINDOW_NANOS;
        }
        primary = ks;
        if (installed == ks) {
            installed = null;
        }
        publish();
        return old == ks ? null : old;
    }

    /**
     * Takes a renegotiation's derived key for opening only: packets the peer seals with it open
     * at once, while the primary goes on sealing until {@link #promoteIfEstablished} finds the
     * peer has the new key too.
     */
    void install(KeyState ks) {
        if (!ks.active()) {
            throw new IllegalStateException("key id " + ks.keyId + " has no data key yet");
        }
        if (primary == null) {
            throw new IllegalStateException("the first key seals at once: promote it");
        }
        installed = ks;
        publish();
    }

    /**
     * Makes the installed key the primary once the peer is known to have it: a packet sealed with
     * it opened here, or everything this side sent on its key state (its key-method-2 message
     * last) was acknowledged, so the peer has both halves of the key material.
     *
     * @return the primary it replaced, or null if nothing changed
     */
    KeyState promoteIfEstablished(long nowNanos) {
        KeyState ks = installed;
        if (ks == null || !(ks.context.hasOpened() || ks.sentAllAcknowledged())) {
            return null;
        }
        return promote(ks, nowNanos);
    }

    /**
     * Frees {@code ks}'s key id, ends its TLS session and wipes its negotiation secrets; its data
     * key leaves the published set now and is retired after {@link #RETIRE_GRACE_NANOS}.
     */
    void retire(KeyState ks, long nowNanos) {
        states[ks.keyId] = null;
        if (ks == lameDuck) {
            lameDuck = null;
        }
        if (ks == installed) {
            installed = null;
        }
        ks.closeTls();
        ks.wipeNegotiation();
        if (primary != null && primary.active()) {
            publish();
        }
        if (ks.context != null) {
            retiring.add(ks.context);
            retireAt.add(nowNanos + RETIRE_GRACE_NANOS);
        }
    }

    /** Runs the timers: retires what is due and a lame duck whose transition window ran out. */
    void tick(long nowNanos) {
        if (lameDuck != null && nowNanos - lameDuckExpires >= 0) {
            retire(lameDuck, nowNanos);
        }
        retireDue(nowNanos, false);
    }

    /** Retires the keys whose grace time ran out, or all of them. */
    void retireDue(long nowNanos, boolean all) {
        for (int i = retiring.size() - 1; i >= 0; i--) {
            if (all || nowNanos - retireAt.get(i) >= 0) {
                retiring.get(i).retire();
                retiring.remove(i);
                retireAt.remove(i);
            }
        }
    }

    /** The session ended: the data side gets no keys, and every negotiation's TLS and secrets go. */
    void endAll() {
        data.publish(DataKeySet.EMPTY);
        forEach(ks -> {
            ks.closeTls();
            ks.wipeNegotiation();
        });
    }

    /** Retires every data key at once; only once no data-plane thread uses them any more. */
    void disposeAll() {
        data.publish(DataKeySet.EMPTY);
        forEach(ks -> {
            if (ks.context != null) {
                ks.context.retire();
            }
        });
        retireDue(0, true);
    }

    private void publish() {
        List<KeyContext> live = new ArrayList<>(3);
        live.add(primary.context);
        if (installed != null) {
            live.add(installed.context);
        }
        if (lameDuck != null && lameDuck.context != null) {
            live.add(lameDuck.context);
        }
        data.publish(new DataKeySet(live, primary.keyId, peerId));
    }
}
