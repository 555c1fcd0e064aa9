package dev.culvert.ipv6;

import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketPool;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Test packets built by hand, with checksums from a reference sum written here over byte arrays
 * (independent of the kernel's InternetChecksum, which the module uses).
 */
final class Ipv6Packets {
    /** 2001:db8:8::2, a tunnel client. */
    static final long CLIENT_HI = 0x2001_0db8_0008_0000L;
    static final long CLIENT_LO = 2;
    /** 2001:db8:1::1, a server behind the tunnel. */
    static final long SERVER_HI = 0x2001_0db8_0001_0000L;
    static final long SERVER_LO = 1;
    /** 2001:db8:8::1, the stack itself. */
    static final long ROUTER_HI = 0x2001_0db8_0008_0000L;
    static final long ROUTER_LO = 1;

    private Ipv6Packets() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

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

    /** The pseudo-header sum of a packet's addresses with the given upper-layer protocol and length. */
    static long pseudo(byte[] p, int protocol, int length) {
        long sum = 0;
        for (int i = 8; i < 40; i += 2) {
            sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
        }
        return sum + protocol + length;
    }

    static byte[] ipv6(long srcHi, long srcLo, long dstHi, long dstLo, int nextHeader, int hopLimit, byte[] payload) {
        byte[] p = new byte[40 + payload.length];
        ByteBuffer.wrap(p).putInt(0x6000_0000 | 0x12345).putShort((short) payload.length).put((byte) nextHeader)
                .put((byte) hopLimit).putLong(srcHi).putLong(srcLo).putLong(dstHi).putLong(dstLo).put(payload);
        return p;
    }

    /** TCP segment (40000 → 443) with flags and options; checksum left 0. */
    static byte[] tcp(int flags, String options, int dataLength) {
        byte[] opts = hex(options);
        int header = 20 + opts.length;
        byte[] t = new byte[header + dataLength];
        ByteBuffer.wrap(t).putShort((short) 40000).putShort((short) 443).putInt(0x12345678).putInt(0)
                .put((byte) ((header / 4) << 4)).put((byte) flags).putShort((short) 64800).putShort((short) 0).putShort((short) 0)
                .put(opts);
        for (int i = header; i < t.length; i++) {
            t[i] = (byte) i;
        }
        return t;
    }

    /** Fills the upper-layer checksum of the segment at {@code upper}, whose checksum field is at {@code upper + at}. */
    static void fixChecksum(byte[] p, int protocol, int upper, int at) {
        int length = p.length - upper;
        p[upper + at] = 0;
        p[upper + at + 1] = 0;
        int c = ~referenceSum(p, upper, length, pseudo(p, protocol, length)) & 0xffff;
        p[upper + at] = (byte) (c >>> 8);
        p[upper + at + 1] = (byte) c;
    }

    static boolean checksumValid(byte[] p, int protocol, int upper) {
        int length = p.length - upper;
        return referenceSum(p, upper, length, pseudo(p, protocol, length)) == 0xffff;
    }

    /** A TCP SYN over IPv6 with MSS 1440, SACK permitted, timestamps, NOP, window scale 7. */
    static byte[] syn() {
        byte[] p = ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 6, 64,
                tcp(0x02, "020405a0 0402 080a 0001e240 00000000 01 030307", 0));
        fixChecksum(p, 6, 40, 16);
        return p;
    }

    /** An ICMPv6 echo request with 56 bytes of data and a correct checksum. */
    static byte[] echoRequest() {
        byte[] icmp = new byte[64];
        icmp[0] = (byte) 128;
        icmp[5] = 1;
        icmp[7] = 1;
        byte[] p = ipv6(CLIENT_HI, CLIENT_LO, SERVER_HI, SERVER_LO, 58, 64, icmp);
        fixChecksum(p, 58, 40, 2);
        return p;
    }

    static Packet load(PacketPool pool, byte[] bytes) {
        Packet p = pool.acquire();
        p.setContents(bytes, 0, bytes.length);
        return p;
    }
}
