package dev.culvert.vpn.preauth;

import dev.culvert.core.packet.RemoteAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * 2.6's stateless session-id cookie (openvpn.md §5.5, ssl_pkt.c {@code calculate_session_id_hmac}):
 * a UDP server's own session id in its answer to a client's hard reset is the first 8 bytes of
 *
 * <pre>
 * HMAC-SHA256(key, time_slot (8, BE) | client address (16) | client port (2, BE) | client session id (8, BE))
 * </pre>
 *
 * where {@code time_slot = floor(epochSeconds / max(1, (hand-window + 1) / 2))} and the key is 32
 * random bytes made once per process. The address is always 16 bytes: an IPv6 address as it is, an
 * IPv4 address as {@code ::ffff:a.b.c.d}, so one host has one encoding. Our encoding need not match
 * 2.6's: only this process computes and checks its cookies. A cookie is accepted for slot offsets
 * −2..+1 around now, as 2.6 does; an all-zero result (which no session id may be) becomes 1.
 *
 * <p>Thread-safe: each thread gets its own {@link Mac} and scratch bytes, so a call with a
 * {@link RemoteAddress} (as the data path has it, in the packet) allocates nothing beyond what the
 * JCE does; the {@link InetSocketAddress} forms convert first, for the control path and tests.
 * {@link #close()} wipes the key; call it once no thread uses the cookie any more. The key is never logged or printed.
 */
public final class SessionIdCookie implements AutoCloseable {
    public static final int KEY_LENGTH = 32;
    /** The oldest slot offset accepted: two slots ago. */
    public static final int OLDEST_ACCEPTED_OFFSET = -2;
    /** The newest slot offset accepted: one slot ahead (a clock step between answer and check). */
    public static final int NEWEST_ACCEPTED_OFFSET = 1;
    /** The one slot offset recognised as expired rather than forged: three slots ago. */
    public static final int EXPIRED_OFFSET = -3;
    /** What {@link #matchingSlotOffset} returns when no slot from −3 to +1 matches. */
    public static final int NO_MATCH = Integer.MIN_VALUE;

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PROVIDER = "SunJCE";
    private static final int INPUT_LENGTH = 8 + 16 + 2 + 8;
    private static final int DIGEST_LENGTH = 32;
    /** Most cookies come back within the slot they were made in, or the one after. */
    private static final int[] CHECK_ORDER = {0, -1, 1, -2, EXPIRED_OFFSET};

    private final byte[] key;
    private final long slotSeconds;
    private final List<Mac> macs = new ArrayList<>();
    private final ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(this::newPerThread);
    private volatile boolean closed;

    /** One thread's HMAC and scratch. */
    private static final class PerThread {
        final Mac mac;
        final byte[] input = new byte[INPUT_LENGTH];
        final byte[] digest = new byte[DIGEST_LENGTH];

        PerThread(Mac mac) {
            this.mac = mac;
        }
    }

    /**
     * @param random            draws the 32-byte key
     * @param handWindowSeconds the server's {@code hand-window} (2.6 default 60): slots are half of it
     */
    public SessionIdCookie(SecureRandom random, int handWindowSeconds) {
        if (handWindowSeconds < 0) {
            throw new IllegalArgumentException("hand-window must not be negative: " + handWindowSeconds);
        }
        this.slotSeconds = Math.max(1, (handWindowSeconds + 1L) / 2);
        this.key = new byte[KEY_LENGTH];
        random.nextBytes(key);
    }

    /** Seconds per time slot. */
    public long slotSeconds() {
        return slotSeconds;
    }

    /**
     * Our session id for a client that sent a hard reset with {@code clientSessionId} from
     * {@code client}, at wall-clock time {@code epochSeconds}.
     *
     * @throws IllegalArgumentException if {@code client} is unresolved
     * @throws IllegalStateException    once closed
     */
    public long compute(long epochSeconds, InetSocketAddress client, long clientSessionId) {
        if (client.getAddress() == null) {
            throw new IllegalArgumentException("an unresolved address has no cookie");
        }
        return compute(epochSeconds, remote(client), clientSessionId);
    }

    /** As {@link #compute(long, InetSocketAddress, long)}, for the address a packet carries. */
    public long compute(long epochSeconds, RemoteAddress client, long clientSessionId) {
        if (closed) {
            throw new IllegalStateException("session-id cookie was closed");
        }
        if (!client.isSet()) {
            throw new IllegalArgumentException("no address, no cookie");
        }
        return forSlot(perThread.get(), slotOf(epochSeconds), client, clientSessionId);
    }

    /**
     * Whether {@code claimedOwnSessionId} (the peer-session-id a client put in its ACK) is our
     * cookie for this client and session id in a slot from two before now to one after.
     */
    public boolean verify(long claimedOwnSessionId, long epochSeconds, InetSocketAddress client, long clientSessionId) {
        int offset = matchingSlotOffset(claimedOwnSessionId, epochSeconds, client, clientSessionId);
        return offset >= OLDEST_ACCEPTED_OFFSET && offset <= NEWEST_ACCEPTED_OFFSET;
    }

    /**
     * Which slot offset from −3 to +1 the claimed cookie was made in ({@link #EXPIRED_OFFSET} means
     * genuine but too old), or {@link #NO_MATCH}: forged, for another address, port or session id,
     * or older still. Each candidate is compared without an early exit; which slot matched is no
     * secret. Never throws (an unresolved address or a closed cookie match nothing).
     */
    public int matchingSlotOffset(long claimedOwnSessionId, long epochSeconds, InetSocketAddress client, long clientSessionId) {
        if (client == null || client.getAddress() == null) {
            return NO_MATCH;
        }
        return matchingSlotOffset(claimedOwnSessionId, epochSeconds, remote(client), clientSessionId);
    }

    /** As {@link #matchingSlotOffset(long, long, InetSocketAddress, long)}, for the address a packet carries. */
    public int matchingSlotOffset(long claimedOwnSessionId, long epochSeconds, RemoteAddress client, long clientSessionId) {
        if (closed || client == null || !client.isSet()) {
            return NO_MATCH;
        }
        PerThread t;
        try {
            t = perThread.get();
        } catch (IllegalStateException closedMeanwhile) {
            return NO_MATCH;
        }
        long now = slotOf(epochSeconds);
        for (int offset : CHECK_ORDER) {
            long expected = forSlot(t, now + offset, client, clientSessionId);
            if ((expected ^ claimedOwnSessionId) == 0) {
                return offset;
            }
        }
        return NO_MATCH;
    }

    private static RemoteAddress remote(InetSocketAddress client) {
        RemoteAddress remote = RemoteAddress.holder();
        remote.set(client);
        return remote;
    }

    private long slotOf(long epochSeconds) {
        return Math.floorDiv(epochSeconds, slotSeconds);
    }

    private long forSlot(PerThread t, long slot, RemoteAddress client, long clientSessionId) {
        byte[] in = t.input;
        writeLong(in, 0, slot);
        client.writeAddressAndPort(in, 8);
        writeLong(in, 26, clientSessionId);
        t.mac.update(in, 0, INPUT_LENGTH);
        try {
            t.mac.doFinal(t.digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (t.digest[i] & 0xffL);
        }
        return v == 0 ? 1 : v;
    }

    private PerThread newPerThread() {
        synchronized (macs) {
            if (closed) {
                throw new IllegalStateException("session-id cookie was closed");
            }
            try {
                Mac mac = Mac.getInstance(ALGORITHM, PROVIDER);
                mac.init(new SecretKeySpec(key, ALGORITHM));
                macs.add(mac);
                return new PerThread(mac);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK's " + PROVIDER + " provider lacks " + ALGORITHM, e);
            }
        }
    }

    private static void writeLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    /**
     * Wipes the key and re-keys every thread's HMAC with zeros (the JCE keeps its own derived
     * state; this overwrites it as far as it lets us). Later computes throw, verifies refuse.
     */
    @Override
    public void close() {
        synchronized (macs) {
            closed = true;
            Arrays.fill(key, (byte) 0);
            for (Mac mac : macs) {
                try {
                    mac.init(new SecretKeySpec(new byte[KEY_LENGTH], ALGORITHM));
                } catch (GeneralSecurityException e) {
                    mac.reset();
                }
            }
            macs.clear();
        }
    }

    @Override
    public String toString() {
        return "SessionIdCookie[slot " + slotSeconds + " s" + (closed ? ", closed" : "") + "]";
    }
}
