package dev.culvert.ipv4;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Test packets built by hand, with checksums from a reference sum written here over byte arrays
 * (independent of the kernel's InternetChecksum, which the module uses).
 */
final class Ipv4Packets {
    static final int CLIENT = 0x0a080002;  // 10.8.0.2
    static final int SERVER = 0xc0a80101;  // 192.168.1.1
    static final int ROUTER = 0x0a080001;  // 10.8.0.1

    /**
     * A captured-style UDP datagram whose header checksum is known to be 0xb861 (192.168.0.1 to
     * 192.168.0.199, total length 115, DF, TTL 64).
     */
    static final String KNOWN_HEADER = "4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7";

    private Ipv4Packets() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static byte[] knownUdp() {
        byte[] packet = new byte[115];
        System.arraycopy(hex(KNOWN_HEADER), 0, packet, 0, 20);
        return packet;
    }

    /** The one's-complement sum of 16-bit big-endian words, the reference the tests trust. */
    static int referenceSum(byte[] data, int offset, int length, long initial) {
        long sum = initial;
        for (int i = 0; i < length; i += 2) {
            int hi = data[offset + i] & 0xff;
            int lo = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** A 20-byte header (no options) followed by {@code payload}, with a correct header checksum. */
    static byte[] ipv4(int src, int dst, int protocol, int ttl, int flagsFragment, byte[] payload) {
        byte[] p = new byte[20 + payload.length];
        ByteBuffer b = ByteBuffer.wrap(p);
        b.put((byte) 0x45).put((byte) 0).putShort((short) p.length).putShort((short) 0x1c46).putShort((short) flagsFragment)
                .put((byte) ttl).put((byte) protocol).putShort((short) 0).putInt(src).putInt(dst).put(payload);
        fixHeaderChecksum(p);
        return p;
    }

    static void fixHeaderChecksum(byte[] p) {
        int ihl = (p[0] & 0x0f) * 4;
        p[10] = 0;
        p[11] = 0;
        int c = ~referenceSum(p, 0, ihl, 0) & 0xffff;
        p[10] = (byte) (c >>> 8);
        p[11] = (byte) c;
    }

    /** A TCP segment (40000 → 443) with the given flags and options and no data; checksum left 0. */
    static byte[] tcp(int flags, String options, int dataLength) {
        byte[] opts = hex(options);
        int header = 20 + opts.length;
        byte[] t = new byte[header + dataLength];
        ByteBuffer b = ByteBuffer.wrap(t);
        b.putShort((short) 40000).putShort((short) 443).putInt(0x12345678).putInt(flags == 0x12 ? 1 : 0)
                .put((byte) ((header / 4) << 4)).put((byte) flags).putShort((short) 64240).putShort((short) 0).putShort((short) 0)
                .put(opts);
        for (int i = header; i < t.length; i++) {
            t[i] = (byte) i;
        }
        return t;
    }

    /** An IPv4 TCP packet with correct header and TCP checksums. */
    static byte[] tcpPacket(int src, int dst, int flagsFragment, byte[] tcp) {
        byte[] p = ipv4(src, dst, 6, 64, flagsFragment, tcp);
        fixTcpChecksum(p);
        return p;
    }

    static void fixTcpChecksum(byte[] p) {
        int ihl = (p[0] & 0x0f) * 4;
        int length = p.length - ihl;
        p[ihl + 16] = 0;
        p[ihl + 17] = 0;
        int c = ~referenceSum(p, ihl, length, pseudo(p, length)) & 0xffff;
        p[ihl + 16] = (byte) (c >>> 8);
        p[ihl + 17] = (byte) c;
    }

    static boolean tcpChecksumValid(byte[] p) {
        int ihl = (p[0] & 0x0f) * 4;
        int length = p.length - ihl;
        return referenceSum(p, ihl, length, pseudo(p, length)) == 0xffff;
    }

    private static long pseudo(byte[] p, int length) {
        long sum = 0;
        for (int i = 12; i < 20; i += 2) {
            sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
        }
        return sum + (p[9] & 0xff) + length;
    }

    /** A Linux-style SYN: MSS 1460, SACK permitted, timestamps, NOP, window scale 7. */
    static byte[] linuxSyn() {
        return tcpPacket(CLIENT, SERVER, 0x4000, tcp(0x02, "020405b4 0402 080a 0001e240 00000000 01 030307", 0));
    }

    static Packet load(PacketPool pool, byte[] bytes) {
        Packet p = pool.acquire();
        p.setContents(bytes, 0, bytes.length);
        return p;
    }
}
