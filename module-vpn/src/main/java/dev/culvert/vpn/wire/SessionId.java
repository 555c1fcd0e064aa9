package dev.culvert.vpn.wire;

import dev.culvert.core.packet.Packet;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * An OpenVPN session id: 8 bytes, chosen at random per side per TLS session. All zeros means
 * "undefined" to OpenVPN, so it is never a valid id here either.
 */
public record SessionId(long value) {
    public static final int LENGTH = 8;

    public SessionId {
        if (value == 0) {
            throw new IllegalArgumentException("a session id is never zero");
        }
    }

    /** A fresh random id; draws again in the (unlikely) case of zero, as 2.6 does. */
    public static SessionId random(RandomGenerator random) {
        long v;
        do {
            v = random.nextLong();
        } while (v == 0);
        return new SessionId(v);
    }

    /** Reads 8 big-endian bytes; returns null if they are all zero. */
    public static SessionId read(byte[] buf, int off) {
        long v = readLong(buf, off);
        return v == 0 ? null : new SessionId(v);
    }

    /**
     * The sender's own session id, which follows the first byte in every control packet, wrapped
     * (tls-auth, tls-crypt) or not; 0 if {@code packet} is too short to carry one.
     */
    public static long senderOf(Packet packet) {
        if (packet.length() < 1 + LENGTH) {
            return 0;
        }
        return (long) packet.getInt(1) << 32 | packet.getUnsignedInt(5);
    }

    public void write(byte[] buf, int off) {
        writeLong(buf, off, value);
    }

    static long readLong(byte[] buf, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[off + i] & 0xffL);
        }
        return v;
    }

    static void writeLong(byte[] buf, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            buf[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    @Override
    public String toString() {
        return HexFormat.of().toHexDigits(value);
    }
}
