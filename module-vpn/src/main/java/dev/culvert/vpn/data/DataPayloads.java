package dev.culvert.vpn.data;

import dev.culvert.core.packet.Packet;

/**
 * What a decrypted data payload is (openvpn.md §4.1, §4.6, §4.7): a keepalive ping (exactly the
 * 16 ping magic bytes), an OCC message (the 16 OCC magic bytes then a type byte), or anything
 * else, which goes to the tunnel. Reads the packet in place and allocates nothing.
 */
public final class DataPayloads {
    /** ping.c {@code ping_string}. */
    static final byte[] PING_MAGIC = {
        0x2a, 0x18, 0x7b, (byte) 0xf3, 0x64, 0x1e, (byte) 0xb4, (byte) 0xcb,
        0x07, (byte) 0xed, 0x2d, 0x0a, (byte) 0x98, 0x1f, (byte) 0xc7, 0x48,
    };
    /** occ.c {@code occ_magic}. */
    static final byte[] OCC_MAGIC = {
        0x28, 0x7f, 0x34, 0x6b, (byte) 0xd4, (byte) 0xef, 0x7a, (byte) 0x81,
        0x2d, 0x56, (byte) 0xb8, (byte) 0xd3, (byte) 0xaf, (byte) 0xc5, 0x45, (byte) 0x9c,
    };
    public static final int MAGIC_LENGTH = 16;
    /** OCC types (occ.h). */
    public static final int OCC_REQUEST = 0;
    public static final int OCC_REPLY = 1;
    public static final int OCC_EXIT = 6;

    /** The kinds of payload. */
    public enum Kind {
        /** Nothing in it; authenticated, so it counts as traffic, but there is nothing to deliver. */
        EMPTY,
        /** A keepalive: drop after noting the peer is alive. */
        PING,
        /** OCC EXIT: the peer is going away (explicit-exit-notify without cc-exit). */
        OCC_EXIT,
        /** Another OCC message; its type is {@link #occType}. */
        OCC_OTHER,
        /** An IP packet (or whatever the tunnel carries). */
        TUNNEL,
    }

    private DataPayloads() {
    }

    public static Kind classify(Packet plaintext) {
        int n = plaintext.length();
        if (n == 0) {
            return Kind.EMPTY;
        }
        if (n == MAGIC_LENGTH && startsWith(plaintext, PING_MAGIC)) {
            return Kind.PING;
        }
        if (n > MAGIC_LENGTH && startsWith(plaintext, OCC_MAGIC)) {
            return plaintext.getUnsignedByte(MAGIC_LENGTH) == OCC_EXIT ? Kind.OCC_EXIT : Kind.OCC_OTHER;
        }
        return Kind.TUNNEL;
    }

    /** The OCC type byte of a payload {@link #classify} called OCC. */
    public static int occType(Packet plaintext) {
        return plaintext.getUnsignedByte(MAGIC_LENGTH);
    }

    /** Writes a keepalive ping as the packet's payload. */
    public static void writePing(Packet packet) {
        packet.setContents(PING_MAGIC, 0, MAGIC_LENGTH);
    }

    /** Writes an OCC EXIT message as the packet's payload. */
    public static void writeOccExit(Packet packet) {
        packet.setContents(OCC_MAGIC, 0, MAGIC_LENGTH);
        packet.append(1);
        packet.putByte(MAGIC_LENGTH, OCC_EXIT);
    }

    private static boolean startsWith(Packet p, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (p.getUnsignedByte(i) != (magic[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }
}
