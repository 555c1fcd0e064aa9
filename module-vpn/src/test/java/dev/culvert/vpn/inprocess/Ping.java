package dev.culvert.vpn.inprocess;

import java.nio.ByteBuffer;

/** IPv4 ICMP echo requests and replies as bytes, with valid checksums, and a reader for them. */
final class Ping {
    static final int ECHO_REPLY = 0;
    static final int ECHO_REQUEST = 8;
    private static final int HEADER = 20;
    private static final int ICMP_HEADER = 8;

    private Ping() {
    }

    /** An ICMP echo message of {@code type} from {@code source} to {@code destination}, sequence {@code sequence}. */
    static byte[] echo(int type, int source, int destination, int sequence) {
        byte[] payload = ("culvert in-process ping " + sequence).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(HEADER + ICMP_HEADER + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) b.capacity()).putShort((short) sequence).putShort((short) 0)
                .put((byte) 64).put((byte) 1).putShort((short) 0).putInt(source).putInt(destination);
        b.putShort(10, (short) checksum(b.array(), 0, HEADER));
        b.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) 0x4355).putShort((short) sequence).put(payload);
        b.putShort(HEADER + 2, (short) checksum(b.array(), HEADER, b.capacity() - HEADER));
        return b.array();
    }

    static int type(byte[] packet) {
        return packet[HEADER] & 0xff;
    }

    static int sequence(byte[] packet) {
        return ByteBuffer.wrap(packet).getShort(HEADER + 6) & 0xffff;
    }

    static int source(byte[] packet) {
        return ByteBuffer.wrap(packet).getInt(12);
    }

    static int destination(byte[] packet) {
        return ByteBuffer.wrap(packet).getInt(16);
    }

    /** 10.8.0.{@code host}. */
    static int tunnelAddress(int host) {
        return 10 << 24 | 8 << 16 | host;
    }

    /** The Internet checksum of {@code bytes[from, from + length)}. */
    static int checksum(byte[] bytes, int from, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += (bytes[from + i] & 0xff) << 8 | (bytes[from + i + 1] & 0xff);
        }
        if ((length & 1) != 0) {
            sum += (bytes[from + length - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
